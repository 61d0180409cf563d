package dev.iotsys.sensor.micropython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirmwareContractTest {
  private static FirmwareContract read(String json) throws IOException {
    return FirmwareContract.read(
        FirmwareContractTest.class,
        "/nowhere/",
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void read_givesEverySectionOfAContract_settingsInTheFilesOrder() throws IOException {
    FirmwareContract c =
        read(
            "{\"type\": \"attictemp\", \"topicPrefix\": \"attictemp\", \"measures\": [\"t\","
                + " \"h\"], \"port\": 8883, \"files\": [\"a.py\", \"b.py\"], \"package\":"
                + " {\"certificate\": \"c.pem\", \"config\": \"config.json\"}, \"settings\":"
                + " {\"z\": 1, \"a\": \"x\", \"m\": true}, \"future\": {\"x\": [1]}}");
    assertEquals("attictemp", c.type());
    assertEquals(List.of("t", "h"), c.measures());
    assertEquals(8883, c.port());
    assertEquals(List.of("a.py", "b.py"), c.files());
    assertEquals("c.pem", c.packageFile("certificate"));
    assertEquals(List.of("z", "a", "m"), List.copyOf(c.settings().keySet()));
    assertEquals(Map.of("z", 1, "a", "x", "m", true), c.settings());
  }

  @Test
  void packageFile_thatTheContractDoesNotName_failsNamingTheRole() throws IOException {
    FirmwareContract c = read("{\"type\": \"attictemp\", \"package\": {}}");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> c.packageFile("trust"));
    assertEquals(
        "The firmware contract of attictemp names no package file for 'trust'", e.getMessage());
  }

  @Test
  void read_refusesASettingThatIsNotAScalar() {
    assertThrows(IOException.class, () -> read("{\"settings\": {\"pin\": [14]}}"));
  }

  @Test
  void file_missingFromTheJar_isAnIoExceptionNamingIt() throws IOException {
    FirmwareContract c = read("{\"type\": \"attictemp\"}");
    IOException e = assertThrows(IOException.class, () -> c.file("main.py"));
    assertEquals("firmware file main.py is missing from the jar", e.getMessage());
  }
}
