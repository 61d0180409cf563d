package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/** Device settings as options of sensor add, kept per sensor; open and raw-key Wi-Fi. */
@ExtendWith(MotoServer.class)
class DeviceSettingsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private MotoServer.Instance moto;

  @BeforeEach
  void install(MotoServer.Instance moto) {
    this.moto = moto;
    assertEquals(0, run(Map.of(), "install", "--db", "home").exitCode());
  }

  private CliRun run(Map<String, String> env, String... args) {
    return CliRun.againstMoto(moto, home, env, args);
  }

  private JsonNode config(String name) throws Exception {
    return JSON.readTree(
        home.resolve("sensor-esp8266temp/sensors/" + name + "/config.json").toFile());
  }

  @Test
  void settingsGiven_areWrittenAndKept_aLaterAddChangesOnlyWhatItIsTold() throws Exception {
    CliRun first =
        run(
            Map.of(),
            "sensor",
            "add",
            "esp8266temp",
            "cellar",
            "--wifi-ssid",
            "net",
            "--wifi-open",
            "--sensor",
            "dht22",
            "--pin",
            "4",
            "--interval",
            "10m");
    assertEquals(0, first.exitCode(), first.err());
    JsonNode config = config("cellar");
    assertEquals("dht22", config.get("sensor").asText());
    assertEquals(4, config.get("pin").asInt());
    assertEquals(600, config.get("interval_s").asInt());
    assertEquals("", config.get("wifi_password").asText());

    CliRun later =
        run(
            Map.of(),
            "sensor",
            "add",
            "esp8266temp",
            "cellar",
            "--wifi-ssid",
            "net",
            "--wifi-open",
            "--mode",
            "always_on");
    assertEquals(0, later.exitCode(), later.err());
    config = config("cellar");
    assertEquals("dht22", config.get("sensor").asText());
    assertEquals(4, config.get("pin").asInt());
    assertEquals(600, config.get("interval_s").asInt());
    assertEquals("always_on", config.get("mode").asText());
  }

  @Test
  void publishEvery_isWrittenAndShownBySensorList_asBurstsOfNReadings() throws Exception {
    CliRun add =
        run(
            Map.of(),
            "sensor",
            "add",
            "esp8266temp",
            "porch",
            "--wifi-ssid",
            "net",
            "--wifi-open",
            "--publish-every",
            "6");
    assertEquals(0, add.exitCode(), add.err());
    assertEquals(6, config("porch").get("publish_every").asInt());

    CliRun json = run(Map.of(), "sensor", "list", "--output", "json");
    assertEquals(0, json.exitCode(), json.err());
    JsonNode porch = JSON.readTree(json.out()).get("sensors").get(0);
    assertEquals(6, porch.get("publishEvery").asInt());
    // The type reads every 5 minutes; six kept readings arrive together every 30.
    assertEquals(1800, porch.get("expectedIntervalSeconds").asInt());

    CliRun table = run(Map.of(), "sensor", "list");
    assertThat(table.out()).contains("READINGS", "every 30m, 6 at a time");
  }

  @Test
  void aBadSettingValue_isOneLineExit2_andNothingIsMade() {
    CliRun bad =
        run(
            Map.of(),
            "sensor",
            "add",
            "esp8266temp",
            "garage",
            "--wifi-ssid",
            "net",
            "--wifi-open",
            "--pin",
            "99");
    assertEquals(2, bad.exitCode());
    assertEquals("iotsys: Invalid --pin '99': use a whole number from 0 to 16\n", bad.err());
    try (IotClient iot = MotoAws.iot(moto)) {
      assertThat(iot.listThings().things()).isEmpty();
    }
    assertThat(home.resolve("certificates/garage")).doesNotExist();
    assertEquals(
        2,
        run(
                Map.of(),
                "sensor",
                "add",
                "esp8266temp",
                "garage",
                "--wifi-ssid",
                "net",
                "--wifi-open",
                "--mode",
                "sometimes")
            .exitCode());
  }

  @Test
  void wifi_aRawKeyOf64HexDigitsIsTaken_aShortPasswordIsRefusedInOneLine() throws Exception {
    String key = "0123456789abcdef".repeat(4);
    CliRun raw =
        run(
            Map.of("IOTSYS_WIFI_PASSWORD", key),
            "sensor",
            "add",
            "esp8266temp",
            "attic",
            "--wifi-ssid",
            "net");
    assertEquals(0, raw.exitCode(), raw.err());
    assertEquals(key, config("attic").get("wifi_password").asText());

    CliRun shortOne =
        run(
            Map.of("IOTSYS_WIFI_PASSWORD", "1234567"),
            "sensor",
            "add",
            "esp8266temp",
            "shed",
            "--wifi-ssid",
            "net");
    assertEquals(2, shortOne.exitCode());
    assertThat(shortOne.err())
        .startsWith(
            "iotsys: The Wi-Fi password has 7 characters; a WPA2" + " passphrase has 8 to 63")
        .contains("--wifi-open")
        .doesNotContain("1234567");
    CliRun both =
        run(
            Map.of(),
            "sensor",
            "add",
            "esp8266temp",
            "shed",
            "--wifi-ssid",
            "net",
            "--wifi-open",
            "--wifi-password",
            "whatever1");
    assertEquals(2, both.exitCode());
  }

  @Test
  void sensorAddHelp_ofAType_listsThatTypesSettingsOnly() {
    for (List<String> asked :
        List.of(
            List.of("help", "sensor", "add", "esp32bme280"),
            List.of("sensor", "add", "esp32bme280", "--help"),
            List.of("sensor", "add", "esp32bme280", "porch", "--help"))) {
      CliRun help = CliRun.inProcess(Map.of(), asked.toArray(String[]::new));
      assertEquals(0, help.exitCode(), help.err());
      assertThat(help.out())
          .as(String.join(" ", asked))
          .contains(
              "usage: iotsys sensor add esp32bme280 NAME...",
              "--i2c-sda N",
              "--i2c-address 0x76|0x77",
              "--ntp-host HOST",
              "--key ec|rsa",
              "--interval DURATION",
              "--publish-every N",
              "--wifi-open")
          .doesNotContain("--sensor", "--pin", "esp8266temp");
    }
    CliRun esp8266 = CliRun.inProcess(Map.of(), "sensor", "add", "esp8266temp", "--help");
    assertThat(esp8266.out())
        .contains(
            "--sensor ds18b20|dht22",
            "--pin N",
            "--interval DURATION",
            "--mode deepsleep|always_on",
            "--publish-every N")
        .doesNotContain("--i2c", "--key", "--ntp-host", "esp32bme280");
  }

  @Test
  void sensorAddHelp_withoutAType_listsTheSharedOptions_andNamesEachTypesOwn() {
    CliRun help = CliRun.inProcess(Map.of(), "help", "sensor", "add");
    assertThat(help.out())
        .contains("--wifi-open", "'iotsys sensor add TYPE --help'")
        .contains("esp32bme280: --i2c-sda", "esp8266temp: --sensor, --pin, --interval, --mode")
        .doesNotContain("--sensor ds18b20|dht22", "--i2c-sda N");
  }

  @Test
  void sensorAdd_aSettingOfAnotherType_isRefusedWithTheTypesOwn_beforeAnyAwsCall() {
    CliRun run =
        CliRun.inProcess(
            Map.of("IOTSYS_WIFI_PASSWORD", "correct horse"),
            "--endpoint-url",
            "http://127.0.0.1:9",
            "sensor",
            "add",
            "esp8266temp",
            "kitchen",
            "--wifi-ssid",
            "n",
            "--key",
            "ec");
    assertEquals(2, run.exitCode(), run.err());
    assertThat(run.err())
        .startsWith("iotsys: Sensor type esp8266temp takes no --key")
        .contains("it takes --sensor, --pin, --interval, --mode");
  }
}
