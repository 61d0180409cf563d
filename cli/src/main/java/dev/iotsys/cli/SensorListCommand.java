package dev.iotsys.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Home;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.KeyState;
import dev.iotsys.api.SensorInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;

/** {@code iotsys sensor list [TYPE]}: the sensors iotsys manages, with their local files. */
final class SensorListCommand implements Command {
  @Override
  public List<String> words() {
    return List.of("sensor", "list");
  }

  @Override
  public String parameters() {
    return "[TYPE]";
  }

  @Override
  public String summary() {
    return "list sensors: certificate, status, local key and package";
  }

  @Override
  public List<String> examples() {
    return List.of("iotsys sensor list", "iotsys sensor list esp8266temp --output json");
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    if (params.size() > 1) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Unexpected argument '" + IotsysException.shown(params.get(1)) + "' for sensor list");
    }
    Optional<String> type = params.stream().findFirst();
    Home found = GlobalOptions.home(cl, io.env());
    Path home = found.folder();
    List<SensorInfo> sensors;
    java.util.Map<String, String> sparklines;
    ApiCalls calls;
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      sensors = iotsys.listSensors(type);
      java.util.Map<String, String> types = new java.util.LinkedHashMap<>();
      sensors.forEach(s -> types.put(s.name(), s.typeId()));
      sparklines = Sparkline.last24h(iotsys, io, types);
      calls = iotsys.apiCalls();
    }
    HomeHint.keysAbsent(
            sensors.stream()
                .filter(s -> s.keyState() == KeyState.ABSENT)
                .map(SensorInfo::name)
                .toList(),
            sensors.size(),
            found)
        .ifPresent(io.err()::println);
    if (io.json()) {
      ArrayNode array = Json.array();
      for (SensorInfo s : sensors) {
        ObjectNode node = array.addObject();
        node.put("name", s.name());
        node.put("type", s.typeId());
        ArrayNode certs = node.putArray("certificates");
        s.certificates()
            .forEach(c -> certs.addObject().put("id", c.id()).put("status", c.status()));
        node.put("keyFolder", s.keyFolder().toString());
        node.put("keyPresent", s.keyPresent());
        node.put("keyState", s.keyState().name());
        node.put("healthy", s.healthy());
        node.put("packageFolder", s.packageFolder().map(Path::toString).orElse(null));
        node.put("packagePresent", s.packagePresent());
        node.put("publishEvery", s.publishEvery());
        node.put("expectedIntervalSeconds", s.expectedInterval().toSeconds());
      }
      ObjectNode doc = Json.object().put("command", "sensor list");
      doc.set("sensors", array);
      Json.apiCalls(doc, calls);
      io.out().println(Json.text(doc));
      return 0;
    }
    boolean spark = !sparklines.isEmpty() || (io.interactive() && !sensors.isEmpty());
    TextTable table =
        spark
            ? new TextTable()
                .row(
                    "NAME",
                    "TYPE",
                    "CERTIFICATE",
                    "STATUS",
                    "KEY",
                    "PACKAGE",
                    "READINGS",
                    "LAST 24H")
            : new TextTable()
                .row("NAME", "TYPE", "CERTIFICATE", "STATUS", "KEY", "PACKAGE", "READINGS");
    for (SensorInfo s : sensors) {
      String id = s.certificates().isEmpty() ? "-" : shortId(s.certificates().get(0).id());
      String status = s.certificates().isEmpty() ? "-" : s.certificates().get(0).status();
      if (s.certificates().size() > 1) {
        status += " +" + (s.certificates().size() - 1);
      }
      String key = s.keyState().name().toLowerCase(java.util.Locale.ROOT);
      String pkg = s.packageFolder().isEmpty() ? "-" : s.packagePresent() ? "present" : "missing";
      String readings = StatusCommand.readings(s.expectedInterval(), s.publishEvery());
      if (spark) {
        table.row(
            s.name(),
            s.typeId(),
            id,
            status,
            key,
            pkg,
            readings,
            sparklines.getOrDefault(s.name(), "-"));
      } else {
        table.row(s.name(), s.typeId(), id, status, key, pkg, readings);
      }
    }
    table.print(io.out());
    io.out().println(Summary.count(sensors.size(), "sensor"));
    return 0;
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
