package dev.iotsys.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * What a Timestream query means, read by a SQL parser rather than compared as text: the table, the
 * filters, the time window, the grouping, the order and the limit. moto cannot run a Timestream
 * query, so this is how a test checks the query iotsys sent.
 *
 * <p>The parser is JSqlParser 5.1 (Maven Central), which reads the parts of Timestream's language
 * iotsys uses: double-quoted identifiers, {@code measure_value::double} casts, {@code ago(24h)}
 * (its argument comes back as a bare word, read here as Timestream's duration literal). 5.3, the
 * newest, parses {@code a IN ('x') AND b > c} as {@code a IN (('x') AND b > c)}, so it cannot be
 * trusted with a WHERE clause; 5.1 parses it as SQL does.
 *
 * <p>A WHERE clause is accepted only as a conjunction of {@code column = 'text'}, {@code column IN
 * ('text', ...)} and {@code time > ago(DURATION)}: anything else (an OR, a NOT, another comparison)
 * fails the parse, so a filter cannot be widened without the test noticing.
 *
 * @param text the query as sent
 * @param table the table as {@code database.table}, without quotes
 * @param columns each selected column as written, e.g. {@code measure_value::double AS
 *     reading_value}
 * @param equalTo each {@code column = 'value'} filter, the value unquoted
 * @param in each {@code column IN (...)} filter, the values unquoted in their order
 * @param window the {@code time > ago(...)} filter, or null when there is none
 * @param groupBy the GROUP BY expressions as written
 * @param orderBy each ORDER BY term with its direction spelled out, e.g. {@code time DESC}, {@code
 *     measure_name ASC}
 * @param limit the LIMIT, or null
 */
public record TimestreamSql(
    String text,
    String table,
    List<String> columns,
    Map<String, String> equalTo,
    Map<String, List<String>> in,
    Duration window,
    List<String> groupBy,
    List<String> orderBy,
    Long limit) {

  private static final Pattern DURATION = Pattern.compile("(\\d+)([dhms])");

  /**
   * Parses a query.
   *
   * @throws AssertionError when it is not one SELECT of one table with filters of the accepted
   *     kinds
   */
  public static TimestreamSql parse(String sql) {
    Statement statement;
    try {
      statement = CCJSqlParserUtil.parse(sql);
    } catch (JSQLParserException e) {
      throw new AssertionError("not SQL the parser reads: " + sql, e);
    }
    if (!(statement instanceof PlainSelect select)) {
      throw new AssertionError("not one plain SELECT: " + sql);
    }
    if (!(select.getFromItem() instanceof Table from)
        || select.getJoins() != null && !select.getJoins().isEmpty()) {
      throw new AssertionError("not a SELECT from one table: " + sql);
    }
    List<String> columns = new ArrayList<>();
    for (SelectItem<?> item : select.getSelectItems()) {
      columns.add(item.toString());
    }
    Map<String, String> equalTo = new LinkedHashMap<>();
    Map<String, List<String>> in = new LinkedHashMap<>();
    Duration window = null;
    List<Expression> filters = new ArrayList<>();
    conjuncts(select.getWhere(), filters);
    for (Expression filter : filters) {
      if (filter instanceof EqualsTo eq
          && eq.getLeftExpression() instanceof Column column
          && eq.getRightExpression() instanceof StringValue value) {
        once(equalTo.put(column.getColumnName(), unquote(value)), filter, sql);
      } else if (filter instanceof InExpression inList
          && !inList.isNot()
          && inList.getLeftExpression() instanceof Column column
          && inList.getRightExpression() instanceof ParenthesedExpressionList<?> values) {
        List<String> texts = new ArrayList<>();
        for (Object v : values) {
          if (!(v instanceof StringValue s)) {
            throw new AssertionError("IN with a value that is not text: " + filter);
          }
          texts.add(unquote(s));
        }
        once(in.put(column.getColumnName(), List.copyOf(texts)), filter, sql);
      } else if (filter instanceof GreaterThan gt
          && gt.getLeftExpression() instanceof Column column
          && column.getColumnName().equals("time")
          && gt.getRightExpression() instanceof Function ago
          && ago.getName().equalsIgnoreCase("ago")
          && ago.getParameters() != null
          && ago.getParameters().size() == 1
          && window == null) {
        window = duration(ago.getParameters().get(0).toString());
      } else {
        throw new AssertionError("a filter of a kind iotsys does not send: " + filter);
      }
    }
    List<String> groupBy = new ArrayList<>();
    if (select.getGroupBy() != null) {
      for (Object e : select.getGroupBy().getGroupByExpressionList()) {
        groupBy.add(e.toString());
      }
    }
    List<String> orderBy = new ArrayList<>();
    if (select.getOrderByElements() != null) {
      for (OrderByElement o : select.getOrderByElements()) {
        orderBy.add(o.getExpression() + (o.isAsc() ? " ASC" : " DESC"));
      }
    }
    Long limit =
        select.getLimit() == null ? null : Long.valueOf(select.getLimit().getRowCount().toString());
    return new TimestreamSql(
        sql,
        unquote(from.getSchemaName()) + "." + unquote(from.getName()),
        List.copyOf(columns),
        Map.copyOf(equalTo),
        Map.copyOf(in),
        window,
        List.copyOf(groupBy),
        List.copyOf(orderBy),
        limit);
  }

  private static void conjuncts(Expression where, List<Expression> into) {
    if (where == null) {
      return;
    }
    if (where instanceof AndExpression and) {
      conjuncts(and.getLeftExpression(), into);
      conjuncts(and.getRightExpression(), into);
    } else {
      into.add(where);
    }
  }

  private static void once(Object previous, Expression filter, String sql) {
    if (previous != null) {
      throw new AssertionError("the same column filtered twice (" + filter + "): " + sql);
    }
  }

  /** Timestream's duration literal: a whole number of days, hours, minutes or seconds. */
  private static Duration duration(String literal) {
    Matcher m = DURATION.matcher(literal);
    if (!m.matches()) {
      throw new AssertionError("not a Timestream duration: " + literal);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** A string literal's value: the parser keeps the quotes' doubling as written. */
  private static String unquote(StringValue value) {
    return value.getValue().replace("''", "'");
  }

  /** An identifier without its double quotes (a doubled quote inside stands for one). */
  private static String unquote(String identifier) {
    if (identifier == null) {
      throw new AssertionError("a table named without its database");
    }
    if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
      return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
    }
    return identifier;
  }
}
