package dev.iotsys.sensor.esp8266temp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.PrivateFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The package copied onto an ESP8266: {@code cert.der} (X.509 DER), {@code key.der} (PKCS#1 DER,
 * the only form axTLS reads), {@code config.json} and the firmware files. Every value goes into
 * {@code config.json} as JSON, never into code, so any character of a password survives.
 */
final class Esp8266TempPackageWriter implements DevicePackageWriter {
  static final String CERT = "cert.der";
  static final String KEY = "key.der";
  static final String CONFIG = "config.json";

  /** The six keys the firmware requires; the contract's settings may not override them. */
  static final Set<String> REQUIRED =
      Set.of("thing_name", "endpoint", "port", "topic", "wifi_ssid", "wifi_password");
  private static final JsonFactory JSON = new JsonFactory();

  private final FirmwareContract contract;

  Esp8266TempPackageWriter(FirmwareContract contract) {
    this.contract = contract;
  }

  @Override
  public boolean write(DevicePackage p) throws IOException {
    String prefix = contract.topicPrefix() + "/";
    if (!p.topic().startsWith(prefix)) {
      throw new IllegalArgumentException(
          "topic " + p.topic() + " is not under the firmware's prefix " + prefix);
    }
    PrivateFiles.createFolder(p.folder());
    boolean changed = PrivateFiles.write(p.folder().resolve(CERT), p.certificateDer());
    changed |= PrivateFiles.write(p.folder().resolve(KEY), p.privateKeyDer());
    changed |= PrivateFiles.write(p.folder().resolve(CONFIG), config(p));
    for (String file : contract.files()) {
      changed |= PrivateFiles.write(p.folder().resolve(file), contract.file(file));
    }
    return changed;
  }

  @Override
  public boolean isComplete(Path folder) {
    List<String> all = new ArrayList<>(List.of(CERT, KEY, CONFIG));
    all.addAll(contract.files());
    return all.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)));
  }

  /** The six keys the firmware requires, then the settings at their contract defaults. */
  byte[] config(DevicePackage p) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("thing_name", p.thingName());
      g.writeStringField("endpoint", p.endpoint());
      g.writeNumberField("port", p.port());
      g.writeStringField("topic", p.topic());
      g.writeStringField("wifi_ssid", p.wifiSsid());
      g.writeStringField("wifi_password", p.wifiPassword());
      for (Map.Entry<String, Object> setting : contract.settings().entrySet()) {
        if (!REQUIRED.contains(setting.getKey())) {
          g.writeFieldName(setting.getKey());
          writeScalar(g, setting.getValue());
        }
      }
      g.writeEndObject();
    }
    return (out + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void writeScalar(JsonGenerator g, Object value) throws IOException {
    if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else {
      g.writeNumber(value.toString());
    }
  }
}
