package dev.iotsys.cli.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.iotsys.api.AlertsStatus;
import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.FleetHealth;
import dev.iotsys.api.Reading;
import dev.iotsys.api.ReadingSeries;
import dev.iotsys.api.ReadingStats;
import dev.iotsys.api.SensorHealth;
import dev.iotsys.api.SensorInfo;
import dev.iotsys.api.SensorTypeInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the page reads, as JSON. Values are written as the exact decimals the store holds (the
 * browser draws them as doubles, the tables show the text); times of chart points as epoch seconds
 * with milliseconds, the form the chart takes; the only things ever written are those named here,
 * so a key, a certificate's private part or a Wi-Fi password cannot slip into a response.
 */
final class DashboardJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private DashboardJson() {}

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String document(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The fleet view's data.
   *
   * @param lastDay where the page asks for the sensors' last day, when this is the rows without it
   */
  static String fleet(FleetHealth fleet, List<SensorTypeInfo> types, Optional<String> lastDay) {
    return document(
        g -> {
          g.writeStartObject();
          g.writeStringField("asOf", fleet.asOf().toString());
          g.writeStringField("lastDay", lastDay.orElse(null));
          g.writeArrayFieldStart("types");
          for (SensorTypeInfo t : types) {
            g.writeStartObject();
            g.writeStringField("id", t.id());
            g.writeStringField("description", t.description());
            g.writeArrayFieldStart("measures");
            for (int i = 0; i < t.measures().size(); i++) {
              g.writeStartObject();
              g.writeStringField("name", t.measures().get(i));
              g.writeStringField("unit", t.units().get(i));
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeArrayFieldStart("sensors");
          for (SensorHealth s : fleet.sensors()) {
            sensor(g, s);
          }
          g.writeEndArray();
          g.writeArrayFieldStart("notes");
          for (String note : fleet.notes()) {
            g.writeString(note);
          }
          g.writeEndArray();
          apiCalls(g, fleet.apiCalls());
          g.writeEndObject();
        });
  }

  private static void sensor(JsonGenerator g, SensorHealth s) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", s.name());
    g.writeStringField("type", s.typeId());
    g.writeStringField("health", s.health().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    g.writeStringField("lastReading", s.lastReading().map(Instant::toString).orElse(null));
    g.writeNumberField("expectedIntervalSeconds", s.expectedInterval().toSeconds());
    g.writeNumberField("silentAfterSeconds", s.silentAfter().toSeconds());
    g.writeNumberField("dropped24h", s.droppedLast24h());
    g.writeArrayFieldStart("measures");
    for (SensorHealth.MeasureNow m : s.measures()) {
      g.writeStartObject();
      g.writeStringField("name", m.measure());
      g.writeStringField("unit", m.unit());
      g.writeStringField("last", m.last().map(BigDecimal::toPlainString).orElse(null));
      points(g, m.last24h());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("certificates");
    for (SensorInfo.Certificate c : s.certificates()) {
      g.writeStartObject();
      g.writeStringField("id", c.id());
      g.writeStringField("status", c.status());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("alarms");
    for (AlertsStatus.Alarm a : s.alarmsInAlarm()) {
      g.writeStartObject();
      g.writeStringField("name", a.name());
      g.writeStringField("kind", a.kind().name().toLowerCase(Locale.ROOT));
      g.writeStringField("measure", a.measure().orElse(null));
      g.writeStringField("threshold", a.threshold().map(BigDecimal::toPlainString).orElse(null));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** {@code "t": [epoch seconds...], "v": [values...]}: two arrays, the chart's own layout. */
  private static void points(JsonGenerator g, List<Reading> points) throws IOException {
    g.writeArrayFieldStart("t");
    for (Reading r : points) {
      g.writeNumber(BigDecimal.valueOf(r.time().toEpochMilli(), 3));
    }
    g.writeEndArray();
    g.writeArrayFieldStart("v");
    for (Reading r : points) {
      g.writeNumber(r.value());
    }
    g.writeEndArray();
  }

  static String series(ReadingSeries series, String window, Instant asOf) {
    return document(
        g -> {
          g.writeStartObject();
          g.writeStringField("asOf", asOf.toString());
          g.writeStringField("sensor", series.sensor());
          g.writeStringField("type", series.typeId());
          g.writeStringField("window", window);
          g.writeStringField("from", series.from().toString());
          g.writeStringField("to", series.to().toString());
          g.writeNumberField("read", series.read());
          g.writeBooleanField("truncated", series.truncated());
          g.writeArrayFieldStart("measures");
          for (ReadingSeries.MeasureSeries m : series.measures()) {
            ReadingStats s = m.stats();
            g.writeStartObject();
            g.writeStringField("name", m.measure());
            g.writeStringField("unit", m.unit());
            g.writeNumberField("count", s.count());
            g.writeStringField("min", plain(s.min()));
            g.writeStringField("max", plain(s.max()));
            g.writeStringField("average", plain(s.average()));
            g.writeBooleanField("reduced", m.reduced());
            points(g, m.points());
            g.writeEndObject();
          }
          g.writeEndArray();
          // The newest readings as table rows: one per time, a value per measure.
          Map<Instant, Map<String, String>> rows = new LinkedHashMap<>();
          for (Reading r : series.newest()) {
            rows.computeIfAbsent(r.time(), t -> new LinkedHashMap<>())
                .put(r.measure(), plain(r.value()));
          }
          g.writeArrayFieldStart("newest");
          for (Map.Entry<Instant, Map<String, String>> row : rows.entrySet()) {
            g.writeStartObject();
            g.writeStringField("time", row.getKey().toString());
            g.writeObjectFieldStart("values");
            for (Map.Entry<String, String> v : row.getValue().entrySet()) {
              g.writeStringField(v.getKey(), v.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
          }
          g.writeEndArray();
          apiCalls(g, series.apiCalls());
          g.writeEndObject();
        });
  }

  static String error(ErrorKind kind, String message) {
    return document(
        g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("error");
          g.writeStringField("kind", kind.name());
          g.writeNumberField("exitCode", kind.exitCode());
          g.writeStringField("message", message);
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  private static void apiCalls(JsonGenerator g, ApiCalls calls) throws IOException {
    g.writeObjectFieldStart("apiCalls");
    g.writeNumberField("read", calls.read());
    g.writeNumberField("write", calls.write());
    g.writeObjectFieldStart("byOperation");
    for (Map.Entry<String, Long> e : calls.byOperation().entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }
}
