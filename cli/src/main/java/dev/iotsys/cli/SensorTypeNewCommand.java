package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.SensorTypeInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code iotsys sensor-type new ID --measure NAME:UNIT[:MIN..MAX] ...}: a Maven project for a new
 * sensor type (see {@link SensorTypeProject}). No AWS call; nothing is written unless every input
 * is valid.
 */
final class SensorTypeNewCommand implements Command {
  static final Option MEASURE =
      Option.builder()
          .longOpt("measure")
          .hasArg()
          .argName("NAME:UNIT[:MIN..MAX]")
          .desc(
              "a value the sensor publishes, its unit and plausible range (default 0..100);"
                  + " once per measure, in the message's order")
          .get();
  static final Option BOARD =
      Option.builder()
          .longOpt("board")
          .hasArg()
          .argName("esp8266|esp32")
          .desc(
              "the board the firmware runs on (default: esp32, which checks AWS IoT's certificate)")
          .get();
  static final Option DIR =
      Option.builder()
          .longOpt("dir")
          .hasArg()
          .argName("PATH")
          .desc("where the project goes; absent or empty (default: ./sensor-ID)")
          .get();

  @Override
  public List<String> words() {
    return List.of("sensor-type", "new");
  }

  @Override
  public String parameters() {
    return "ID --measure NAME:UNIT[:MIN..MAX] ... [--board esp8266|esp32] [--dir PATH]";
  }

  @Override
  public String summary() {
    return "generate a Maven project for a new sensor type: Java plugin, firmware, tests";
  }

  @Override
  public List<String> examples() {
    return List.of(
        "iotsys sensor-type new soil --measure moisture:%:0..100 --board esp32",
        "iotsys sensor-type new attic --measure temperature:°C:5..35 --measure humidity:%:30..70"
            + " --board esp8266 --dir ~/src/sensor-attic");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return List.of(ErrorKind.INVALID_INPUT, ErrorKind.PRECONDITION);
  }

  @Override
  public Set<String> repeatable() {
    return Set.of(MEASURE.getLongOpt());
  }

  @Override
  public Options options() {
    return new Options().addOption(MEASURE).addOption(BOARD).addOption(DIR);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    String id = Arguments.exactlyOne(params, "sensor-type new", "ID");
    if (!SensorTypeProject.ID.matcher(id).matches()) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid sensor type id '"
              + IotsysException.shown(id)
              + "': use 3 to 64 lower-case letters, digits or underscores, starting with a letter");
    }
    String[] given = cl.getOptionValues(MEASURE);
    if (given == null) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "No --measure: name at least one, e.g. --measure moisture:%:0..100");
    }
    List<SensorTypeProject.Measure> measures =
        Stream.of(given).map(SensorTypeProject.Measure::parse).toList();
    if (measures.stream().map(SensorTypeProject.Measure::name).distinct().count()
        != measures.size()) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "A --measure name is given twice");
    }
    SensorTypeProject.Board board =
        SensorTypeProject.Board.of(cl.getOptionValue(BOARD, SensorTypeProject.Board.ESP32.id));
    Path dir = dir(cl.getOptionValue(DIR, "sensor-" + id));
    try (Iotsys iotsys = Plugins.builder().build()) {
      Optional<SensorTypeInfo> same =
          iotsys.sensorTypes().stream().filter(t -> t.id().equalsIgnoreCase(id)).findFirst();
      if (same.isPresent()) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT,
            "Sensor type '"
                + id
                + "' exists already ("
                + same.get().origin()
                + "): choose another id");
      }
    }
    if (Files.exists(dir) && !emptyFolder(dir)) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          dir + " exists and is not an empty folder: name another with --dir");
    }
    try {
      new SensorTypeProject(id, measures, board).writeTo(dir);
    } catch (IOException e) {
      throw new IotsysException(
          ErrorKind.PRECONDITION, "Cannot write " + dir + ": " + e.getMessage(), e);
    }
    io.out().println("sensor type " + id + " (" + board.id + "): " + dir);
    io.out().println("next: fill in firmware/" + id + "/sensor.py (see README.md), then:");
    io.out().println("  cd " + dir + " && mvn package");
    io.out()
        .println(
            "  cp target/sensor-"
                + id
                + "-0.1.0-SNAPSHOT.jar HOME/"
                + Plugins.FOLDER
                + "/   (HOME: the fleet's folder)");
    return 0;
  }

  private static Path dir(String value) {
    try {
      return Path.of(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT, "Invalid --dir '" + IotsysException.shown(value) + "'");
    }
  }

  private static boolean emptyFolder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
