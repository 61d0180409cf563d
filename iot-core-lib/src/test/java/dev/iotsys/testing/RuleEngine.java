package dev.iotsys.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * The part of AWS IoT's SQL that iotsys's reading rules use, evaluated as the AWS IoT SQL reference
 * describes it, for tests that play a rule moto stores but never runs: a bare name is the payload's
 * attribute (Undefined when absent), {@code topic(n)} the n-th level of the topic, {@code
 * timestamp()} the rule's processing time in epoch milliseconds, {@code floor}, {@code +}, {@code
 * -} and {@code /} on numbers (integer division of integers), {@code <=} and {@code >=} on numbers,
 * {@code AND} on Booleans, {@code isUndefined}, and {@code CASE v WHEN t THEN r ... ELSE e END}.
 * Undefined follows the reference: an operator or function with an Undefined operand is Undefined
 * (isUndefined excepted), a CASE whose value is Undefined is Undefined (not its ELSE), and a SELECT
 * column that is Undefined is left out of the output. Anything else fails the test, so a rule that
 * grows beyond this is noticed rather than guessed at. Nothing of it comes from iotsys's code.
 */
public final class RuleEngine {
  /** AWS IoT's Undefined: a value that is not there. */
  public static final Object UNDEFINED =
      new Object() {
        @Override
        public String toString() {
          return "Undefined";
        }
      };

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TEMPLATE = Pattern.compile("^\\$\\{(.*)\\}$", Pattern.DOTALL);

  private final String topic;
  private final JsonNode message;
  private final long now;

  private RuleEngine(String topic, JsonNode message, long now) {
    this.topic = topic;
    this.message = message;
    this.now = now;
  }

  /**
   * The SELECT's output for one message: each column by its alias (or its name) to a {@link
   * BigDecimal}, a String or a Boolean, in the SELECT's order; Undefined columns left out.
   *
   * @throws AssertionError when the topic does not match the rule's filter, or an expression is one
   *     this engine does not know
   */
  public static Map<String, Object> select(String sql, String topic, String payload, long nowMillis)
      throws JSQLParserException, java.io.IOException {
    PlainSelect select = (PlainSelect) CCJSqlParserUtil.parse(sql);
    String filter = ((Table) select.getFromItem()).getFullyQualifiedName();
    if (!matches(filter.substring(1, filter.length() - 1), topic)) {
      throw new AssertionError("the rule's topic filter " + filter + " does not take " + topic);
    }
    RuleEngine engine = new RuleEngine(topic, JSON.readTree(payload), nowMillis);
    Map<String, Object> out = new LinkedHashMap<>();
    for (SelectItem<?> column : select.getSelectItems()) {
      Expression e = column.getExpression();
      String name =
          column.getAlias() != null ? column.getAlias().getName() : ((Column) e).getColumnName();
      Object value = engine.evaluate(e);
      if (value != UNDEFINED) {
        out.put(name, value);
      }
    }
    return out;
  }

  /**
   * A substitution template of a rule action, e.g. {@code ${topic(2)}}, evaluated on the message as
   * it arrived (AWS IoT evaluates templates apart from the SELECT, on the incoming payload).
   */
  public static Object template(String template, String topic, String payload, long nowMillis)
      throws JSQLParserException, java.io.IOException {
    Matcher m = TEMPLATE.matcher(template);
    if (!m.matches()) {
      throw new AssertionError("not one substitution template: " + template);
    }
    return new RuleEngine(topic, JSON.readTree(payload), nowMillis)
        .evaluate(CCJSqlParserUtil.parseExpression(m.group(1)));
  }

  private Object evaluate(Expression e) {
    if (e instanceof Column c) {
      String name = c.getColumnName();
      if (name.equalsIgnoreCase("true") || name.equalsIgnoreCase("false")) {
        return Boolean.valueOf(name.toLowerCase(java.util.Locale.ROOT));
      }
      JsonNode v = message.get(name);
      if (v == null) {
        return UNDEFINED;
      }
      if (v.isNumber()) {
        return v.decimalValue();
      }
      if (v.isBoolean()) {
        return v.booleanValue();
      }
      return v.asText();
    }
    if (e instanceof net.sf.jsqlparser.expression.BooleanValue b) {
      return b.getValue();
    }
    if (e instanceof LongValue l) {
      return BigDecimal.valueOf(l.getValue());
    }
    if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
      return evaluate((Expression) p.get(0));
    }
    if (e instanceof Function f) {
      return function(f);
    }
    if (e instanceof CaseExpression c) {
      Object value = evaluate(c.getSwitchExpression());
      if (value == UNDEFINED) {
        return UNDEFINED;
      }
      for (WhenClause when : c.getWhenClauses()) {
        if (value.equals(evaluate(when.getWhenExpression()))) {
          return evaluate(when.getThenExpression());
        }
      }
      return c.getElseExpression() == null ? UNDEFINED : evaluate(c.getElseExpression());
    }
    if (e instanceof AndExpression a) {
      Object left = evaluate(a.getLeftExpression());
      Object right = evaluate(a.getRightExpression());
      return left instanceof Boolean l && right instanceof Boolean r ? l && r : UNDEFINED;
    }
    if (e instanceof MinorThanEquals le) {
      return compare(le.getLeftExpression(), le.getRightExpression(), c -> c <= 0);
    }
    if (e instanceof GreaterThanEquals ge) {
      return compare(ge.getLeftExpression(), ge.getRightExpression(), c -> c >= 0);
    }
    if (e instanceof Addition a) {
      return arithmetic(a.getLeftExpression(), a.getRightExpression(), BigDecimal::add);
    }
    if (e instanceof Subtraction s) {
      return arithmetic(s.getLeftExpression(), s.getRightExpression(), BigDecimal::subtract);
    }
    if (e instanceof Division d) {
      return arithmetic(
          d.getLeftExpression(),
          d.getRightExpression(),
          (left, right) ->
              left.scale() <= 0 && right.scale() <= 0
                  ? new BigDecimal(left.toBigInteger().divide(right.toBigInteger()))
                  : left.divide(right, 10, RoundingMode.HALF_EVEN));
    }
    throw new AssertionError(
        "a rule expression this engine cannot evaluate: " + e + " (" + e.getClass() + ")");
  }

  private Object function(Function f) {
    String name = f.getName();
    List<?> args = f.getParameters() == null ? List.of() : f.getParameters();
    switch (name) {
      case "topic":
        return topic.split("/")[Integer.parseInt(args.get(0).toString()) - 1];
      case "timestamp":
        return BigDecimal.valueOf(now);
      case "isUndefined":
        return evaluate((Expression) args.get(0)) == UNDEFINED;
      case "floor":
        Object v = evaluate((Expression) args.get(0));
        return v instanceof BigDecimal n ? n.setScale(0, RoundingMode.FLOOR) : UNDEFINED;
      default:
        throw new AssertionError("a rule function this engine does not know: " + f);
    }
  }

  /** Numbers compared; anything else (Undefined, a string, a Boolean) is Undefined. */
  private Object compare(
      Expression left, Expression right, java.util.function.IntPredicate accept) {
    Object l = evaluate(left);
    Object r = evaluate(right);
    if (l instanceof BigDecimal a && r instanceof BigDecimal b) {
      return accept.test(a.compareTo(b));
    }
    return UNDEFINED;
  }

  private Object arithmetic(
      Expression left, Expression right, java.util.function.BinaryOperator<BigDecimal> operation) {
    Object l = evaluate(left);
    Object r = evaluate(right);
    if (l instanceof BigDecimal a && r instanceof BigDecimal b) {
      return operation.apply(a, b);
    }
    return UNDEFINED;
  }

  /** MQTT's topic filter: {@code +} one level, {@code #} the rest. */
  private static boolean matches(String filter, String topic) {
    String[] f = filter.split("/");
    String[] t = topic.split("/");
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return true;
      }
      if (i >= t.length || !f[i].equals("+") && !f[i].equals(t[i])) {
        return false;
      }
    }
    return f.length == t.length;
  }
}
