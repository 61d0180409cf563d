package dev.iotsys.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * moto cannot run a Timestream query: its answers are preloaded for the exact SQL iotsys sends, one
 * QueryResponse per page, served in turn to the calls that carry that SQL (moto ignores the
 * NextToken itself; the SDK's paginator keeps asking while a page carries one).
 */
public final class MotoQueryResults {
  private static final String ACCOUNT = "123456789012";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MotoQueryResults() {}

  /** Queues pages for one exact SQL string: each Query with it takes the next page. */
  public static void preload(MotoServer.Instance moto, String sql, ObjectNode... pages)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("account_id", ACCOUNT);
    body.put("region", MotoServer.REGION);
    body.putObject("results").putArray(sql).addAll(List.of(pages));
    moto.post("/moto-api/static/timestream/query-results", JSON.writeValueAsString(body));
  }

  /** One QueryResponse; a null token marks the last page. */
  public static ObjectNode page(String nextToken, ArrayNode columns, ObjectNode... rows) {
    ObjectNode page = JSON.createObjectNode();
    page.put("QueryId", "query-1");
    if (nextToken != null) {
      page.put("NextToken", nextToken);
    }
    page.set("ColumnInfo", columns);
    page.putArray("Rows").addAll(List.of(rows));
    ObjectNode status = page.putObject("QueryStatus");
    status.put("ProgressPercentage", 100.0);
    status.put("CumulativeBytesScanned", 0);
    status.put("CumulativeBytesMetered", 0);
    return page;
  }

  /** The columns of iotsys's readings query. */
  public static ArrayNode readingColumns() {
    return columns("time", "TIMESTAMP", "measure_name", "VARCHAR", "reading_value", "DOUBLE");
  }

  /** The columns of iotsys's statistics query. */
  public static ArrayNode statsColumns() {
    return columns(
        "measure_name",
        "VARCHAR",
        "min_value",
        "DOUBLE",
        "max_value",
        "DOUBLE",
        "avg_value",
        "DOUBLE",
        "value_count",
        "BIGINT",
        "last_time",
        "TIMESTAMP");
  }

  /** The columns of iotsys's newest-reading-per-device query (status). */
  public static ArrayNode lastTimeColumns() {
    return columns("device", "VARCHAR", "last_time", "TIMESTAMP");
  }

  private static ArrayNode columns(String... nameTypePairs) {
    ArrayNode columns = JSON.createArrayNode();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      ObjectNode column = columns.addObject();
      column.put("Name", nameTypePairs[i]);
      column.putObject("Type").put("ScalarType", nameTypePairs[i + 1]);
    }
    return columns;
  }

  /** A row of scalars; null becomes {@code {"NullValue": true}}. */
  public static ObjectNode row(String... values) {
    ObjectNode row = JSON.createObjectNode();
    ArrayNode data = row.putArray("Data");
    for (String value : values) {
      if (value == null) {
        data.addObject().put("NullValue", true);
      } else {
        data.addObject().put("ScalarValue", value);
      }
    }
    return row;
  }
}
