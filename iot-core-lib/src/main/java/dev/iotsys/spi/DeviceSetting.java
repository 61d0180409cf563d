package dev.iotsys.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A setting a device of a sensor type takes when it is added, as {@code sensor add --NAME VALUE}:
 * e.g. the sensor chip, the pin, the reading interval. The type declares them ({@link
 * SensorType#deviceSettings()}); the command line offers them as options; the value given is parsed
 * here and handed to the type's {@link DevicePackageWriter} in {@link DevicePackage#settings()},
 * and the package keeps it for later runs.
 *
 * @param name the option's name, e.g. {@code interval} for {@code --interval}: 2 to 32 of {@code
 *     [a-z0-9-]}, starting with a letter
 * @param argName how the value is called in the help, e.g. {@code DURATION}
 * @param description one line for the help, with the default
 * @param choices the values allowed, when the setting is one of a few; empty otherwise
 * @param parser turns the text given into the value the package keeps (a String or a Number);
 *     throws {@link IllegalArgumentException} with a message that says what is allowed
 */
public record DeviceSetting(
    String name,
    String argName,
    String description,
    List<String> choices,
    Function<String, Object> parser) {
  /**
   * The name of the setting by which a type's boards measure at every wake but publish only every
   * Nth reading, 1 to {@value #MAX_PUBLISH_EVERY} (default 1). A type that takes it declares a
   * setting of this name whose value parses to an {@code Integer}; the core records it on the thing
   * and expects a reading every {@link SensorType#readingInterval()} times N, so that a board that
   * buffers is not taken for a silent one.
   */
  public static final String PUBLISH_EVERY = "publish-every";

  /** The most readings a board may keep before it publishes: a day of 5-minute readings. */
  public static final int MAX_PUBLISH_EVERY = 288;

  /**
   * Creates a setting; the list is copied.
   *
   * @param name the option's name
   * @param argName how the value is called in the help
   * @param description one line for the help
   * @param choices the values allowed, or empty
   * @param parser turns the text given into the value the package keeps
   */
  public DeviceSetting {
    if (name == null || !name.matches("[a-z][a-z0-9-]{1,31}")) {
      throw new IllegalArgumentException("Invalid device setting name: " + name);
    }
    Objects.requireNonNull(argName, "argName");
    Objects.requireNonNull(description, "description");
    choices = List.copyOf(choices);
    Objects.requireNonNull(parser, "parser");
  }

  /**
   * A setting that takes one of a few words.
   *
   * @param name the option's name
   * @param description one line for the help
   * @param choices the words allowed
   * @return the setting, whose value is the word
   */
  public static DeviceSetting oneOf(String name, String description, List<String> choices) {
    return new DeviceSetting(
        name,
        String.join("|", choices),
        description,
        choices,
        text -> {
          if (!choices.contains(text)) {
            throw new IllegalArgumentException("use one of " + String.join(", ", choices));
          }
          return text;
        });
  }

  /**
   * The value the package keeps for a text given by the user.
   *
   * @param text what the user gave
   * @return the value
   * @throws IllegalArgumentException when the text is not a value of this setting
   */
  public Object parse(String text) {
    return parser.apply(text);
  }
}
