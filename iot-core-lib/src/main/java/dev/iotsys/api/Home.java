package dev.iotsys.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.iotsys.spi.PrivateFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The folder that holds a fleet's local files ({@code certificates/}, {@code sensor-TYPE/sensors/})
 * and its settings ({@value #SETTINGS}: the database, the store, the region and profile that {@code
 * install} was given; never credentials). It is found the way git finds its repository: the given
 * folder, else the first folder from the start up that has settings.
 *
 * @param folder the home folder, absolute
 * @param origin how it was found
 */
public record Home(Path folder, Origin origin) {
  /** The settings file, relative to the home folder. */
  public static final String SETTINGS = ".iotsys/settings.json";

  private static final JsonFactory JSON = new JsonFactory();

  /** How a home was found. */
  public enum Origin {
    /** Named by the caller ({@code --home}). */
    OPTION,
    /** Named by the environment ({@code IOTSYS_HOME}). */
    ENVIRONMENT,
    /** The nearest folder from the start up that has settings. */
    FOUND,
    /** No folder from the start up has settings: the start itself, without settings. */
    START
  }

  /**
   * Finds the home.
   *
   * @param given the folder the caller named, if any (it wins)
   * @param environment the folder the environment named, if any
   * @param start where the search begins, usually the current folder
   * @return the home
   */
  public static Home find(Optional<Path> given, Optional<Path> environment, Path start) {
    if (given.isPresent()) {
      return new Home(given.get().toAbsolutePath().normalize(), Origin.OPTION);
    }
    if (environment.isPresent()) {
      return new Home(environment.get().toAbsolutePath().normalize(), Origin.ENVIRONMENT);
    }
    Path from = start.toAbsolutePath().normalize();
    for (Path p = from; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(SETTINGS))) {
        return new Home(p, Origin.FOUND);
      }
    }
    return new Home(from, Origin.START);
  }

  /**
   * The folder and how it was chosen, for messages that name the home, e.g. {@code /srv/fleet (the
   * current folder: no folder from it up has .iotsys/settings.json)}.
   *
   * @return the folder and its origin in words
   */
  public String describe() {
    return folder + " (" + originInWords() + ")";
  }

  private String originInWords() {
    return switch (origin) {
      case OPTION -> "named by the caller";
      case ENVIRONMENT -> "named by IOTSYS_HOME";
      case FOUND -> "found: the nearest folder with " + SETTINGS;
      case START -> "the current folder: no folder from it up has " + SETTINGS;
    };
  }

  /**
   * How to point a command at another home, for messages that did not find what they needed.
   *
   * @return the advice
   */
  public static String howToPointElsewhere() {
    return "run it in the fleet's home folder (or one below it), or name that folder with --home"
        + " DIR or IOTSYS_HOME";
  }

  /**
   * Where the settings are, whether or not the file exists.
   *
   * @return the settings file's path
   */
  public Path settingsFile() {
    return folder.resolve(SETTINGS);
  }

  /**
   * Checks that the home can be one: a folder (or a path where one can be made), whose {@code
   * .iotsys} is a folder and whose settings a file, where they are there at all. Commands check it
   * first, so that a home that is a file fails before any AWS call, not after a command made
   * everything and could not write its settings.
   *
   * @throws IotsysException of kind {@link ErrorKind#INVALID_INPUT} naming what is in the way
   */
  public void requireUsable() {
    Path settingsFolder = settingsFile().getParent();
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw unusable(
          "The home " + shown(folder) + " is a file, not a folder",
          "name a folder with --home DIR or IOTSYS_HOME");
    }
    if (!Files.exists(folder)) {
      Path existing = folder.getParent();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing != null && !Files.isDirectory(existing)) {
        throw unusable(
            "The home " + shown(folder) + " cannot be made: " + shown(existing) + " is a file",
            "name a folder with --home DIR or IOTSYS_HOME");
      }
    }
    if (Files.exists(settingsFolder) && !Files.isDirectory(settingsFolder)) {
      throw unusable(
          shown(settingsFolder) + " is a file, where iotsys keeps its settings folder",
          "move it out of the way");
    }
    Path file = settingsFile();
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw unusable(
          shown(file)
              + " is "
              + (Files.isDirectory(file) ? "a folder" : "not a regular file")
              + ", not iotsys's settings file",
          "move it out of the way ('iotsys install' writes the settings again)");
    }
  }

  private IotsysException unusable(String problem, String remedy) {
    return new IotsysException(
        ErrorKind.INVALID_INPUT,
        problem + " (the home " + originInWords() + "): " + remedy + "; nothing was changed");
  }

  private static String shown(Path path) {
    return IotsysException.shown(path.toString());
  }

  /**
   * The settings kept in the home; empty ones when there is no settings file.
   *
   * @return the settings
   * @throws IotsysException of kind {@link ErrorKind#PRECONDITION} when the file cannot be read or
   *     is not iotsys's settings, of kind {@link ErrorKind#INVALID_INPUT} when the home cannot be
   *     one ({@link #requireUsable()})
   */
  public Settings settings() {
    requireUsable();
    Path file = settingsFile();
    if (!Files.isRegularFile(file)) {
      return Settings.NONE;
    }
    Map<String, String> values = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(Files.readAllBytes(file))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        if (p.nextToken() == JsonToken.VALUE_STRING) {
          values.put(key, p.getText());
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          "Cannot read the settings in "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "): repair or delete the file",
          e);
    }
    try {
      return new Settings(
          values.get("database"), values.get("store"), values.get("region"), values.get("profile"));
    } catch (IotsysException e) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          "The settings in "
              + IotsysException.shown(file.toString())
              + " hold a value iotsys would not take: "
              + e.getMessage()
              + "; repair or delete the file",
          e);
    }
  }

  /**
   * Writes the settings (folder 0700, file 0600, replaced atomically); unset values are left out.
   *
   * @param settings what to keep
   * @return whether the file changed
   * @throws IotsysException of kind {@link ErrorKind#INTERNAL} when it cannot be written
   */
  public boolean save(Settings settings) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      write(g, "database", settings.database());
      write(g, "store", settings.store());
      write(g, "region", settings.region());
      write(g, "profile", settings.profile());
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    try {
      PrivateFiles.createFolder(settingsFile().getParent());
      return PrivateFiles.write(settingsFile(), (text + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IotsysException(
          ErrorKind.INTERNAL,
          "Cannot write the settings to " + settingsFile() + ": " + e.getMessage(),
          e);
    }
  }

  private static void write(JsonGenerator g, String key, String value) throws IOException {
    if (value != null) {
      g.writeStringField(key, value);
    }
  }

  /**
   * What a home remembers, so that later commands need not be told again. Null means not set. Each
   * value is checked as it is made, so what a home keeps, and what it gives back, is a value iotsys
   * would take from its option.
   *
   * @param database the database {@code install} was given: 3 to 256 letters, digits, '_', '.' or
   *     '-'
   * @param store the store readings go to: lower-case letters, digits and '-'
   * @param region the AWS region {@code install} was given, if it was, e.g. {@code eu-west-1}
   * @param profile the AWS profile {@code install} was given, if it was: 1 to 128 characters, none
   *     that a terminal would act on
   */
  public record Settings(String database, String store, String region, String profile) {
    /** No settings. */
    public static final Settings NONE = new Settings(null, null, null, null);

    /**
     * Checks each value that is set.
     *
     * @param database the database, or null
     * @param store the store, or null
     * @param region the AWS region, or null
     * @param profile the AWS profile, or null
     * @throws IotsysException of kind {@link ErrorKind#INVALID_INPUT} naming the first bad value
     */
    public Settings {
      // The rule of Names.database, which the api cannot call: every store accepts these names.
      if (database != null && !database.matches("[a-zA-Z0-9_.-]{3,256}")) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT,
            "Invalid database name '"
                + IotsysException.shown(database)
                + "': use 3 to 256 letters, digits, '_', '.' or '-'");
      }
      require(store, "store", "[a-z0-9][a-z0-9-]{0,62}", "e.g. dynamodb");
      require(region, "region", "[a-z]{2}(-[a-z]+)+-[0-9]{1,2}", "e.g. eu-west-1");
      if (profile != null
          && (profile.isEmpty()
              || profile.length() > 128
              || !IotsysException.escaped(profile).equals(profile))) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT,
            "Invalid profile '"
                + IotsysException.shown(profile)
                + "': use 1 to 128 characters, none of them control characters");
      }
    }

    private static void require(String value, String what, String form, String example) {
      if (value != null && !value.matches(form)) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT,
            "Invalid " + what + " '" + IotsysException.shown(value) + "', " + example);
      }
    }

    /**
     * These settings with the given values in place of their own where the given are set.
     *
     * @param newer the values that win
     * @return the merged settings
     */
    public Settings with(Settings newer) {
      return new Settings(
          or(newer.database, database),
          or(newer.store, store),
          or(newer.region, region),
          or(newer.profile, profile));
    }

    private static String or(String a, String b) {
      return a != null ? a : b;
    }
  }
}
