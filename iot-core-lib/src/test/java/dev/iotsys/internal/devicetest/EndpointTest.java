package dev.iotsys.internal.devicetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import org.junit.jupiter.api.Test;

class EndpointTest {
  @Test
  void parse_takesHostAndPort_andIpv6InBrackets() {
    assertEquals(
        new StandInDevice.Endpoint("localhost", 8883),
        StandInDevice.Endpoint.parse("localhost:8883"));
    assertEquals(
        new StandInDevice.Endpoint("abc-ats.iot.eu-west-1.amazonaws.com", 443),
        StandInDevice.Endpoint.parse("abc-ats.iot.eu-west-1.amazonaws.com:443"));
    assertEquals(
        new StandInDevice.Endpoint("::1", 1883), StandInDevice.Endpoint.parse("[::1]:1883"));
  }

  @Test
  void parse_refusesWhatIsNotHostAndPort() {
    for (String bad :
        new String[] {
          "localhost",
          ":8883",
          "localhost:",
          "localhost:0",
          "localhost:65536",
          "localhost:x",
          "::1:8883",
          "a b:1",
          "host/x:1"
        }) {
      IotsysException e =
          assertThrows(IotsysException.class, () -> StandInDevice.Endpoint.parse(bad), bad);
      assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    }
  }
}
