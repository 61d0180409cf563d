package dev.iotsys.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.SensorTypeInfo;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** {@code iotsys sensor-type list}: the sensor types this installation knows. No AWS call. */
final class SensorTypeListCommand implements Command {
  @Override
  public List<String> words() {
    return List.of("sensor-type", "list");
  }

  @Override
  public String parameters() {
    return "";
  }

  @Override
  public String summary() {
    return "list the sensor types: built in, or from a jar in the plugin folders"
        + " (<home>/.iotsys/plugins, IOTSYS_PLUGINS)";
  }

  @Override
  public List<String> examples() {
    return List.of("iotsys sensor-type list", "iotsys sensor-type list --output json");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return List.of(ErrorKind.INVALID_INPUT);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    Arguments.none(params, "sensor-type list");
    List<SensorTypeInfo> types;
    ApiCalls calls;
    try (Iotsys iotsys = Plugins.builder().build()) {
      types = iotsys.sensorTypes();
      calls = iotsys.apiCalls();
    }
    if (io.json()) {
      ArrayNode array = Json.array();
      for (SensorTypeInfo t : types) {
        ObjectNode node = array.addObject();
        node.put("id", t.id());
        node.put("description", t.description());
        node.put("topicFilter", t.topicFilter());
        t.measures().forEach(node.putArray("measures")::add);
        t.units().forEach(node.putArray("units")::add);
        t.keyAlgorithms().forEach(node.putArray("keyAlgorithms")::add);
        node.put("readingIntervalSeconds", t.readingInterval().toSeconds());
        node.put("origin", t.origin());
      }
      ObjectNode doc = Json.object().put("command", "sensor-type list");
      doc.set("sensorTypes", array);
      Json.apiCalls(doc, calls);
      io.out().println(Json.text(doc));
    } else {
      types.forEach(
          t ->
              io.out()
                  .printf(
                      "%-16s %-24s %s%n%16s from %s%n",
                      t.id(),
                      t.topicFilter() + " " + t.measures(),
                      t.description(),
                      "",
                      t.origin()));
    }
    return 0;
  }
}
