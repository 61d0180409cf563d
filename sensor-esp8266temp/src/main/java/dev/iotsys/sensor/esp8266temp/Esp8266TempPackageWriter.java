package dev.iotsys.sensor.esp8266temp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The package copied onto an ESP8266: {@code cert.der} (X.509 DER), {@code key.der} (PKCS#1 DER,
 * the only form axTLS reads), {@code config.json} and the firmware files. Every value goes into
 * {@code config.json} as JSON, never into code, so any character of a password survives.
 */
final class Esp8266TempPackageWriter implements DevicePackageWriter {
  static final String CERT = "cert.der";
  static final String KEY = "key.der";
  static final String CONFIG = "config.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
    ObjectNode config = MAPPER.createObjectNode();
    config.put("thing_name", p.thingName());
    config.put("endpoint", p.endpoint());
    config.put("port", p.port());
    config.put("topic", p.topic());
    config.put("wifi_ssid", p.wifiSsid());
    config.put("wifi_password", p.wifiPassword());
    contract.settings().properties().forEach(e -> {
      if (!config.has(e.getKey())) {
        config.set(e.getKey(), e.getValue());
      }
    });
    return (MAPPER.writeValueAsString(config) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
