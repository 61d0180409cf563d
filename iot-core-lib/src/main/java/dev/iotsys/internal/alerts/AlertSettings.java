package dev.iotsys.internal.alerts;

import dev.iotsys.api.AlertsStatus.AlarmKind;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.internal.Names;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * One sensor's alert settings: how long it may stay silent, and each measure's thresholds. No file
 * keeps them: every alarm of the sensor carries all of them at the end of its description ({@code
 * iotsys settings: silent-after=30m temperature-above=30}), so any later run on any machine reads
 * them back, an alarm deleted by hand is made again from the others, and a threshold edited by hand
 * differs from the record and is put back.
 *
 * @param silentAfter the silence window, whole minutes from {@link #MIN} to {@link #MAX}
 * @param above per measure, alarm above this
 * @param below per measure, alarm below this
 */
public record AlertSettings(
    Duration silentAfter,
    SortedMap<String, BigDecimal> above,
    SortedMap<String, BigDecimal> below) {
  /**
   * How many of its type's reading intervals a sensor may stay silent before its alarm notifies, by
   * default: for five-minute readings, 30 minutes, more than an interval plus the firmwares'
   * longest back-off (10 minutes), so that one failed wake-up does not page anyone.
   */
  static final int SILENT_INTERVALS = 6;

  /** Ten one-minute periods: the shortest window worth an e-mail. */
  public static final Duration MIN = Duration.ofMinutes(10);

  /** CloudWatch evaluates one-minute periods over at most a day. */
  public static final Duration MAX = Duration.ofHours(24);

  /** What CloudWatch keeps of a threshold: a double; more digits would not survive the trip. */
  private static final int MAX_DIGITS = 15;

  private static final String RECORD = "iotsys settings:";
  private static final Pattern RECORD_FORM =
      Pattern.compile(Pattern.quote(RECORD) + "((?: [A-Za-z0-9_-]+=[^ ]+)+)\\s*$");
  private static final Pattern WINDOW = Pattern.compile("([0-9]{1,5})([mhd])");
  private static final Pattern THRESHOLD_KEY =
      Pattern.compile("([A-Za-z][A-Za-z0-9_]*)-(above|below)");

  /** Sorted copies of values in one form ({@code 30}, not {@code 3E+1} or {@code 30.0}). */
  public AlertSettings {
    above = canonical(above);
    below = canonical(below);
  }

  private static SortedMap<String, BigDecimal> canonical(Map<String, BigDecimal> values) {
    SortedMap<String, BigDecimal> copy = new TreeMap<>();
    values.forEach((m, v) -> copy.put(m, canonical(v)));
    return copy;
  }

  static BigDecimal canonical(BigDecimal value) {
    return new BigDecimal(value.stripTrailingZeros().toPlainString());
  }

  /**
   * A new sensor's silence window for its type's reading interval: {@link #SILENT_INTERVALS}
   * intervals, rounded up to whole minutes, within {@link #MIN} and {@link #MAX}.
   */
  public static Duration defaultSilentAfter(Duration readingInterval) {
    long minutes = (readingInterval.toSeconds() * SILENT_INTERVALS + 59) / 60;
    Duration d = Duration.ofMinutes(minutes);
    return d.compareTo(MIN) < 0 ? MIN : d.compareTo(MAX) > 0 ? MAX : d;
  }

  /** A new sensor's settings: the default window for its type's interval, no threshold. */
  public static AlertSettings defaults(Duration readingInterval) {
    return new AlertSettings(defaultSilentAfter(readingInterval), new TreeMap<>(), new TreeMap<>());
  }

  /** The record every alarm's description ends with. */
  public String record() {
    StringBuilder b =
        new StringBuilder(RECORD).append(" silent-after=").append(window(silentAfter));
    for (String measure : measures()) {
      if (above.containsKey(measure)) {
        b.append(' ').append(measure).append("-above=").append(plain(above.get(measure)));
      }
      if (below.containsKey(measure)) {
        b.append(' ').append(measure).append("-below=").append(plain(below.get(measure)));
      }
    }
    return b.toString();
  }

  /** The measures that have a threshold, sorted. */
  public List<String> measures() {
    TreeMap<String, Boolean> all = new TreeMap<>();
    above.keySet().forEach(m -> all.put(m, true));
    below.keySet().forEach(m -> all.put(m, true));
    return List.copyOf(all.keySet());
  }

  /** The record at the end of an alarm's description, if it has a readable one. */
  static Optional<AlertSettings> parse(String description) {
    if (description == null) {
      return Optional.empty();
    }
    Matcher m = RECORD_FORM.matcher(description);
    if (!m.find()) {
      return Optional.empty();
    }
    Duration silent = null;
    SortedMap<String, BigDecimal> above = new TreeMap<>();
    SortedMap<String, BigDecimal> below = new TreeMap<>();
    for (String pair : m.group(1).trim().split(" ")) {
      String key = pair.substring(0, pair.indexOf('='));
      String value = pair.substring(pair.indexOf('=') + 1);
      try {
        if (key.equals("silent-after")) {
          silent = window(value, "silent-after");
          continue;
        }
        Matcher t = THRESHOLD_KEY.matcher(key);
        if (!t.matches()) {
          return Optional.empty();
        }
        (t.group(2).equals("above") ? above : below).put(t.group(1), threshold(value, key));
      } catch (IotsysException | NumberFormatException unreadable) {
        return Optional.empty();
      }
    }
    return silent == null ? Optional.empty() : Optional.of(new AlertSettings(silent, above, below));
  }

  /**
   * A sensor's settings from its alarms: the record of the silence alarm, else of the first
   * threshold alarm that has one, else what the alarms themselves say (their periods and
   * thresholds), else the defaults for its type's reading interval. Thresholds of measures the type
   * does not have are dropped.
   */
  static AlertSettings of(
      List<MetricAlarm> alarms, List<String> measures, Duration readingInterval) {
    List<MetricAlarm> ordered = new ArrayList<>(alarms);
    ordered.sort(
        Comparator.comparing(
                (MetricAlarm a) ->
                    AlertNames.parse(a.alarmName())
                        .map(p -> p.kind() == AlarmKind.SILENT ? 0 : 1)
                        .orElse(2))
            .thenComparing(MetricAlarm::alarmName));
    for (MetricAlarm alarm : ordered) {
      Optional<AlertSettings> recorded = parse(alarm.alarmDescription());
      if (recorded.isPresent()) {
        return recorded.get().keeping(measures);
      }
    }
    Duration silent = defaultSilentAfter(readingInterval);
    SortedMap<String, BigDecimal> above = new TreeMap<>();
    SortedMap<String, BigDecimal> below = new TreeMap<>();
    for (MetricAlarm alarm : ordered) {
      Optional<AlertNames.Parsed> parsed = AlertNames.parse(alarm.alarmName());
      if (parsed.isEmpty()) {
        continue;
      }
      if (parsed.get().kind() == AlarmKind.SILENT) {
        if (alarm.period() != null && alarm.evaluationPeriods() != null) {
          Duration d = Duration.ofSeconds((long) alarm.period() * alarm.evaluationPeriods());
          if (d.compareTo(MIN) >= 0 && d.compareTo(MAX) <= 0 && d.toSeconds() % 60 == 0) {
            silent = d;
          }
        }
      } else if (alarm.threshold() != null) {
        (parsed.get().kind() == AlarmKind.ABOVE ? above : below)
            .put(parsed.get().measure().orElseThrow(), BigDecimal.valueOf(alarm.threshold()));
      }
    }
    return new AlertSettings(silent, above, below).keeping(measures);
  }

  /** These settings with only the thresholds of the given measures. */
  AlertSettings keeping(List<String> measures) {
    SortedMap<String, BigDecimal> a = new TreeMap<>(above);
    SortedMap<String, BigDecimal> b = new TreeMap<>(below);
    a.keySet().retainAll(measures);
    b.keySet().retainAll(measures);
    return new AlertSettings(silentAfter, a, b);
  }

  AlertSettings withSilentAfter(Duration window) {
    return new AlertSettings(window, above, below);
  }

  /** Drops the thresholds of one measure, or of all when empty. */
  AlertSettings clearing(Optional<String> measure) {
    SortedMap<String, BigDecimal> a = new TreeMap<>(above);
    SortedMap<String, BigDecimal> b = new TreeMap<>(below);
    if (measure.isPresent()) {
      a.remove(measure.get());
      b.remove(measure.get());
    } else {
      a.clear();
      b.clear();
    }
    return new AlertSettings(silentAfter, a, b);
  }

  AlertSettings with(AlarmKind kind, String measure, BigDecimal value) {
    SortedMap<String, BigDecimal> a = new TreeMap<>(above);
    SortedMap<String, BigDecimal> b = new TreeMap<>(below);
    (kind == AlarmKind.ABOVE ? a : b).put(measure, value);
    return new AlertSettings(silentAfter, a, b);
  }

  /**
   * A silence window as users write it: whole minutes, hours or days ({@code 30m}, {@code 2h},
   * {@code 1d}), from {@link #MIN} to {@link #MAX}.
   *
   * @param option the option's name, for the message
   * @throws IotsysException of kind {@link ErrorKind#INVALID_INPUT} otherwise
   */
  public static Duration window(String text, String option) {
    Matcher m = text == null ? null : WINDOW.matcher(text);
    if (m == null || !m.matches()) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --"
              + option
              + " '"
              + Names.printable(text)
              + "': use whole minutes, hours or days, e.g. 30m or 2h");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --"
              + option
              + " '"
              + text
              + "': use 10m to 24h (CloudWatch watches a silence of at most a day)");
    }
    return d;
  }

  /** A window as {@link #window(String, String)} reads it, e.g. {@code 30m} or {@code 2h}. */
  public static String window(Duration d) {
    long minutes = d.toMinutes();
    return minutes % 60 == 0 ? (minutes / 60) + "h" : minutes + "m";
  }

  /**
   * A threshold that survives CloudWatch's double unchanged.
   *
   * @throws IotsysException of kind {@link ErrorKind#INVALID_INPUT} for one that would not
   */
  public static BigDecimal threshold(BigDecimal value, String option) {
    BigDecimal v = value.stripTrailingZeros();
    if (v.precision() > MAX_DIGITS
        || v.abs().compareTo(new BigDecimal("1e12")) > 0
        || BigDecimal.valueOf(v.doubleValue()).compareTo(v) != 0) {
      // toString, not toPlainString: 1e999999999 in plain digits is a gigabyte, and 1e2147483647
      // more than an array can hold. Shown, as every value a user gave, cut to 80 characters.
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --"
              + option
              + " "
              + Names.printable(value.toString())
              + ": use at most "
              + MAX_DIGITS
              + " digits and a size up to 10^12");
    }
    return canonical(v);
  }

  private static BigDecimal threshold(String text, String option) {
    return threshold(new BigDecimal(text), option);
  }

  static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
