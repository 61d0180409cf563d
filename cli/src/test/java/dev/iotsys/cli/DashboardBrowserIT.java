package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.cli.dashboard.DashboardServer;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.RuleWrites;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code iotsys dashboard} in Debian's Chromium, driven by Playwright, against moto: the readings
 * are written into the DynamoDB store the way each type's rule writes them. Two types are on the
 * class path here (the ESP8266 module and the core's test-only humidity type), and the page has no
 * code for either. Each view's screenshot is saved under target/dashboard-screenshots (and where
 * the system property {@code dashboard.screenshots} says).
 */
@ExtendWith(MotoServer.class)
class DashboardBrowserIT {
  static final String PASSWORD = "wifi-Secret-4711";
  private static final long YEAR = Duration.ofDays(365).toSeconds();

  private static Browser browser;

  @TempDir Path home;

  private MotoServer.Instance moto;
  private DynamoDbClient dynamo;
  private Iotsys iotsys;
  private DashboardServer server;
  private Instant now;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    browser.close();
  }

  @BeforeEach
  void start(MotoServer.Instance moto) throws Exception {
    this.moto = moto;
    this.dynamo = MotoAws.dynamo(moto);
    this.iotsys = MotoAws.iotsys(moto).home(home).build();
    this.now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
    iotsys.addSensors(
        new AddSensorsRequest(
            "esp8266temp", List.of("kitchen", "garage"), "home-net", PASSWORD, false, false),
        IotsysListener.NONE);
    iotsys.addSensors(
        new AddSensorsRequest(
            "esp32bme280", List.of("attic", "porch"), "home-net", PASSWORD, false, false),
        IotsysListener.NONE);
    server = DashboardServer.start(iotsys, InetAddress.getLoopbackAddress(), 0, List.of());
  }

  @AfterEach
  void stop() {
    server.close();
    iotsys.close();
    dynamo.close();
  }

  private void temperature(String device, Duration ago, String value) {
    RuleWrites.reading(
        dynamo,
        "iotsys.home.esp8266temp",
        device,
        now.minus(ago),
        Map.of("temperature", value),
        YEAR);
  }

  /** Many readings of one esp8266temp sensor, as the rule writes them, in batches. */
  private void temperatures(String device, Map<Duration, String> agoToValue) {
    Map<Instant, Map<String, String>> readings = new java.util.LinkedHashMap<>();
    agoToValue.forEach((ago, value) -> readings.put(now.minus(ago), Map.of("temperature", value)));
    RuleWrites.readings(dynamo, "iotsys.home.esp8266temp", device, readings, YEAR);
  }

  private void climate(
      String device, Duration ago, String temperature, String humidity, String pressure) {
    RuleWrites.reading(
        dynamo,
        "iotsys.home.esp32bme280",
        device,
        now.minus(ago),
        Map.of("temperature", temperature, "humidity", humidity, "pressure", pressure),
        YEAR);
  }

  /**
   * kitchen on time (a day of readings every 5 minutes), garage late, attic silent, porch never.
   */
  private void aDayOfTheFleet() {
    Map<Duration, String> day = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 288; i++) {
      day.put(
          Duration.ofMinutes(2 + 5L * i).plusSeconds(10), i == 0 ? "21.5" : "2" + (i % 4) + ".25");
    }
    temperatures("kitchen", day);
    temperature("garage", Duration.ofMinutes(12).plusSeconds(10), "18.25");
    climate("attic", Duration.ofHours(3).plusMinutes(1), "19.75", "55.5", "1013.25");
  }

  private String url() {
    return server.url("127.0.0.1").toString();
  }

  private String cell(String sensor, String what) {
    return browser.text("tr[data-sensor='" + sensor + "'] " + what).trim();
  }

  private void screenshot(String name) throws Exception {
    browser.screenshot(Path.of("target", "dashboard-screenshots", name));
    String docs = System.getProperty("dashboard.screenshots");
    if (docs != null && !docs.isBlank()) {
      browser.screenshot(Path.of(docs).resolve(name));
    }
  }

  @Test
  void fleetView_showsEverySensorOfEveryType_withItsLastValueAgeAndHealth() throws Exception {
    aDayOfTheFleet();
    // The silent one's alarm goes off, so the widest row has a badge in its last column.
    iotsys.enableAlerts(List.of("me@example.com"), false, IotsysListener.NONE);
    try (var cloudWatch = MotoAws.cloudWatch(moto)) {
      cloudWatch.setAlarmState(
          r -> r.alarmName("iotsys/attic/silent").stateValue("ALARM").stateReason("by hand"));
    }

    browser.open(url());
    browser.waitFor("tr[data-sensor='porch']");

    assertThat(
            browser.eval("[...document.querySelectorAll('section.type')].map(s => s.dataset.type)"))
        .extracting(JsonNode::asText)
        .containsExactly("esp32bme280", "esp8266temp");
    assertEquals("on time", cell("kitchen", ".badge"));
    assertEquals("2 min ago", cell("kitchen", "td.age"));
    assertEquals("21.5 °C", cell("kitchen", "td[data-measure='temperature'] .value"));
    assertEquals("ACTIVE", cell("kitchen", ".cert"));
    assertEquals("late", cell("garage", ".badge"));
    assertEquals("12 min ago", cell("garage", "td.age"));
    assertEquals("18.25 °C", cell("garage", "td[data-measure='temperature'] .value"));
    assertEquals("silent", cell("attic", ".badge"));
    assertEquals("3 h ago", cell("attic", "td.age"));
    assertEquals("55.5 %", cell("attic", "td[data-measure='humidity'] .value"));
    assertEquals("19.75 °C", cell("attic", "td[data-measure='temperature'] .value"));
    assertEquals("1013.25 hPa", cell("attic", "td[data-measure='pressure'] .value"));
    assertEquals("never seen", cell("porch", ".badge"));
    assertEquals("none in 30 days", cell("porch", "td.age"));
    assertEquals("–", cell("porch", "td[data-measure='humidity'] .value"));
    // The day's sparkline, drawn once the rows' last day is read: 288 readings in 48 half-hour
    // slices, each its lowest and highest.
    browser.waitUntil("window.iotsysDashboard.loads === 1");
    assertEquals("on time", cell("kitchen", ".badge"));
    assertEquals("21.5 °C", cell("kitchen", "td[data-measure='temperature'] .value"));
    int spark =
        browser
            .eval("+document.querySelector(\"tr[data-sensor='kitchen'] svg.spark\").dataset.points")
            .asInt();
    assertThat(spark).isBetween(90, 96);
    assertThat(browser.text("#freshness")).startsWith("Data from ");
    // At 1280 px, a type of three measures shows every column, its alarms' last included.
    assertThat(
            browser.eval(
                "[...document.querySelectorAll('section.type')]"
                    + ".filter(s => s.querySelector('table').scrollWidth > s.clientWidth)"
                    + ".map(s => s.dataset.type)"))
        .isEmpty();
    screenshot("dashboard-fleet.png");
  }

  private JsonNode pointsPerChart() {
    return browser.eval(
        "Object.fromEntries(Object.entries(window.iotsysDashboard.charts)"
            + ".map(([m, u]) => [m, u.data[0].length]))");
  }

  @Test
  void sensorView_chartsEveryReadingOfTheDay_andSwitchingTheWindowChangesTheQuery()
      throws Exception {
    aDayOfTheFleet();
    Map<Duration, String> older = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      older.put(Duration.ofDays(3).plusMinutes(43L * i), "1" + (i % 10) + ".5");
    }
    temperatures("kitchen", older);

    browser.open(url());
    browser.waitFor("tr[data-sensor='kitchen']");
    browser.click("tr[data-sensor='kitchen'] td.name a");
    browser.waitFor(".chart[data-measure='temperature'] canvas");

    assertEquals(288, pointsPerChart().get("temperature").asInt());
    assertThat(browser.text(".chart-card[data-measure='temperature'] .stats"))
        .contains("min 20.25 °C", "max 23.25 °C", "288 readings");
    assertThat(browser.eval("document.querySelectorAll('.newest tbody tr').length").asInt())
        .isEqualTo(10);
    assertThat(browser.text(".newest tbody tr td:last-child")).isEqualTo("21.5");
    screenshot("dashboard-sensor.png");

    browser.click("button[data-window='7d']");
    browser.waitUntil("document.getElementById('view').dataset.shows === 'kitchen?window=7d'");
    assertEquals(388, pointsPerChart().get("temperature").asInt());

    assertThat(browser.seen().get("requests"))
        .extracting(JsonNode::asText)
        .containsSubsequence(
            "/api/sensors/kitchen/series?window=24h", "/api/sensors/kitchen/series?window=7d");
    assertThat(browser.eval("location.hash").asText()).isEqualTo("#/sensor/kitchen?window=7d");
    assertThat(browser.text(".chart-card[data-measure='temperature'] .stats"))
        .contains("min 10.5 °C", "388 readings");
  }

  @Test
  void aYearsChart_shipsAtMostTheCap_andKeepsAnInjectedSpike() throws Exception {
    // 1,200 readings 7 hours apart (350 days), one of them a spike: more than the cap.
    Map<Duration, String> year = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 1200; i++) {
      year.put(Duration.ofMinutes(10 + 420L * i), i == 777 ? "85.5" : "2" + (i % 5) + ".0");
    }
    temperatures("kitchen", year);

    browser.open(url());
    browser.waitFor("tr[data-sensor='kitchen']");
    browser.click("tr[data-sensor='kitchen'] td.name a");
    browser.waitFor(".chart[data-measure='temperature'] canvas");
    browser.click("button[data-window='365d']");
    browser.waitUntil("document.getElementById('view').dataset.shows === 'kitchen?window=365d'");

    JsonNode values = browser.eval("window.iotsysDashboard.charts.temperature.data[1]");
    assertThat(values.size()).isLessThanOrEqualTo(DashboardServer.CHART_POINTS);
    assertThat(values).extracting(JsonNode::asDouble).contains(85.5);
    assertThat(browser.text(".chart-card[data-measure='temperature'] .stats"))
        .contains("max 85.5 °C", "1,200 readings");
    assertThat(browser.text(".chart-card[data-measure='temperature'] .reduced"))
        .startsWith(
            String.format(java.util.Locale.UK, "%,d of 1,200 readings drawn", values.size()));
  }

  @Test
  void thePage_asksForNothingButTheDashboard_soItWorksWithNoNetwork() throws Exception {
    aDayOfTheFleet();

    browser.open(url());
    browser.waitFor("tr[data-sensor='kitchen'] svg.spark polyline");
    browser.click("tr[data-sensor='attic'] td.name a");
    browser.waitFor(".chart[data-measure='humidity'] canvas");

    JsonNode seen = browser.seen();
    assertThat(seen.get("blocked")).isEmpty();
    assertThat(seen.get("errors")).isEmpty();
    assertThat(seen.get("requests"))
        .extracting(JsonNode::asText)
        .contains(
            "/static/uPlot.iife.min.js", "/api/fleet", "/api/sensors/attic/series?window=24h");
    assertThat(pointsPerChart().get("humidity").asInt()).isEqualTo(1);
  }

  @Test
  void thePage_refreshesItselfEveryMinute_withoutReloading() throws Exception {
    aDayOfTheFleet();
    browser.openWithFakeClock(url());
    // The first load ends with the sparklines; a refresh is not started while one is under way.
    browser.waitUntil("window.iotsysDashboard.loads === 1");
    browser.eval("window.notReloaded = true");
    assertEquals("late", cell("garage", ".badge"));

    temperature("garage", Duration.ofSeconds(20), "17.5");
    browser.fastForward(61_000);
    browser.waitUntil("window.iotsysDashboard.loads === 2");

    assertThat(browser.eval("window.notReloaded === true").asBoolean()).isTrue();
    assertEquals("on time", cell("garage", ".badge"));
    assertEquals("17.5 °C", cell("garage", "td[data-measure='temperature'] .value"));
    assertThat(browser.seen().get("requests"))
        .extracting(JsonNode::asText)
        .filteredOn(p -> p.equals("/api/fleet"))
        .hasSize(2);
  }

  @Test
  void anAwsError_showsOnThePage_asTheCommandLinesOneLine(@TempDir Path other) throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closed;
    CliRun cli =
        CliRun.inProcess(
            Map.of(),
            "--endpoint-url",
            endpoint,
            "--region",
            MotoServer.REGION,
            "--home",
            other.toString(),
            "sensor",
            "list");
    assertThat(cli.exitCode()).isEqualTo(4);
    String line = cli.err().strip();

    try (Iotsys unreachable =
            Iotsys.builder()
                .region(MotoServer.REGION)
                .endpoint(java.net.URI.create(endpoint))
                .credentials("testing", "testing")
                .home(other)
                .build();
        DashboardServer dashboard =
            DashboardServer.start(unreachable, InetAddress.getLoopbackAddress(), 0, List.of())) {
      browser.open(dashboard.url("127.0.0.1").toString());
      browser.waitFor("#error:not([hidden])");

      assertThat(line).startsWith("iotsys: ");
      assertEquals(line, browser.text("#error"));
    }
  }

  /** Every file and answer the page gets, as the browser gets them. */
  private List<String> everyResponse() {
    List<String> bodies = new ArrayList<>();
    for (String path :
        List.of(
            "/",
            "/static/dashboard.js",
            "/api/fleet",
            "/api/sensors/kitchen/series?window=365d",
            "/api/sensors/kitchen/readings.csv?window=365d",
            "/api/sensors/attic/series?window=24h")) {
      bodies.add(
          browser
              .eval(
                  "fetch("
                      + com.fasterxml.jackson.databind.node.TextNode.valueOf(path)
                      + ").then(async r => r.status + ' ' + r.headers.get('content-type') + '\\n' + await r.text())")
              .asText());
    }
    // The fleet's last day, as the page asks for it after the rows.
    bodies.add(
        browser
            .eval(
                "fetch('/api/fleet').then(r => r.json()).then(f => fetch(f.lastDay))"
                    + ".then(async r => r.status + ' ' + r.headers.get('content-type') + '\\n' + await r.text())")
            .asText());
    return bodies;
  }

  @Test
  void noResponse_carriesAKey_aPrivatePart_orTheWifiPassword() throws Exception {
    aDayOfTheFleet();
    String key = Files.readString(home.resolve("certificates/kitchen/private-key.pem"));
    String keyBody = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    assertThat(Files.readString(home.resolve("sensor-esp8266temp/sensors/kitchen/config.json")))
        .contains(PASSWORD);

    browser.open(url());
    browser.waitFor("tr[data-sensor='kitchen']");
    List<String> bodies = everyResponse();

    assertThat(bodies).hasSize(7).allSatisfy(b -> assertThat(b).startsWith("200 "));
    // The bodies themselves, not promises of them: the rows, the last day and the readings.
    assertThat(bodies.get(2)).contains("\"kitchen\"").contains("/api/fleet/last-day?read=");
    assertThat(bodies.get(4)).contains("time,measure,value");
    assertThat(bodies.get(6)).contains("\"kitchen\"").contains("\"lastDay\":null");
    assertThat(String.join("\n", bodies))
        .doesNotContain(PASSWORD)
        .doesNotContain(keyBody)
        .doesNotContain("PRIVATE KEY")
        .doesNotContain("home-net");
  }
}
