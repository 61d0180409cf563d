package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@code sensor list --output json} over a fleet of 300 sensors, made directly with SDK calls
 * (things as {@code sensor add} leaves them: {@code managedBy=iotsys} and the certificate's id
 * recorded, each certificate ACTIVE): the test is about reads, so the fleet need not be made by the
 * paced add.
 */
@ExtendWith(MotoServer.class)
class FleetCommandsIT {
  private static final int FLEET = 300;

  @TempDir Path home;

  @Test
  void sensorList_of300_listsThemAll_inAtMost12Reads_andSaysItsCalls(MotoServer.Instance moto)
      throws Exception {
    String[] endpoint = {
      "--region",
      MotoServer.REGION,
      "--endpoint-url",
      moto.endpoint().toString(),
      "--home",
      home.toString()
    };
    CliRun installed = run(endpoint, "install", "--db", "home");
    assertEquals(0, installed.exitCode(), installed.err());
    try (IotClient iot = MotoAws.iot(moto)) {
      for (int i = 1; i <= FLEET; i++) {
        String name = String.format("sensor-%03d", i);
        var c = iot.createKeysAndCertificate(r -> r.setAsActive(true));
        iot.createThing(
            r ->
                r.thingName(name)
                    .thingTypeName("esp8266temp")
                    .attributePayload(
                        a ->
                            a.attributes(
                                Map.of(
                                    "managedBy", "iotsys", "certificateId", c.certificateId()))));
        iot.attachThingPrincipal(r -> r.thingName(name).principal(c.certificateArn()));
      }
    }

    CliRun listed = run(endpoint, "sensor", "list", "--output", "json");

    assertEquals(0, listed.exitCode(), listed.err());
    JsonNode doc = new ObjectMapper().readTree(listed.out());
    assertThat(doc.get("command").asText()).isEqualTo("sensor list");
    assertThat(doc.get("sensors"))
        .hasSize(FLEET)
        .allSatisfy(
            s -> {
              assertThat(s.get("certificates")).hasSize(1);
              assertThat(s.get("certificates").get(0).get("status").asText()).isEqualTo("ACTIVE");
              assertThat(s.get("keyState").asText()).isEqualTo("ABSENT");
            });
    JsonNode calls = doc.get("apiCalls");
    assertThat(calls.get("read").asLong()).as(calls.toString()).isLessThanOrEqualTo(12);
    assertThat(calls.get("write").asLong()).isZero();
    assertThat(calls.get("byOperation").has("Iot:ListThingPrincipals"))
        .as(calls.toString())
        .isFalse();
  }

  @Test
  void sensorTypeList_json_saysItsCommandAndThatItMadeNoCall(MotoServer.Instance moto)
      throws Exception {
    CliRun listed =
        run(
            new String[] {
              "--region", MotoServer.REGION, "--endpoint-url", moto.endpoint().toString()
            },
            "sensor-type",
            "list",
            "--output",
            "json");

    assertEquals(0, listed.exitCode(), listed.err());
    JsonNode doc = new ObjectMapper().readTree(listed.out());
    assertThat(doc.get("command").asText()).isEqualTo("sensor-type list");
    assertThat(doc.get("sensorTypes").findValuesAsText("id")).contains("esp8266temp");
    assertThat(doc.get("apiCalls").get("read").asLong()).isZero();
    assertThat(doc.get("apiCalls").get("write").asLong()).isZero();
  }

  private static CliRun run(String[] global, String... args) {
    String[] all = new String[args.length + global.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(global, 0, all, args.length, global.length);
    return CliRun.inProcess(Map.of(), all);
  }
}
