package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the make targets pass on that needs no AWS: {@code make -n} prints the commands without
 * running them. The Wi-Fi password of {@code esp8266TempSensorCreate} is proven by a real run
 * against moto, in {@link MakefileIT}.
 */
class MakefileTest {
  @Test
  void flash_alone_showsItsUsage_andWithAHome_passesItOn() throws Exception {
    MakeRun alone = MakeRun.make(Map.of(), "flash");
    assertThat(alone.exitCode()).isEqualTo(2);
    assertThat(alone.err()).contains("usage: make flash name=NAME port=/dev/ttyUSB0 [home=DIR]");

    MakeRun withHome =
        MakeRun.make(
            Map.of(), "-n", "flash", "name=kitchen", "port=/dev/ttyUSB0", "home=/srv/fleet");
    assertEquals(0, withHome.exitCode(), withHome.out() + withHome.err());
    assertThat(withHome.out())
        .contains("firmware/flash.sh \"kitchen\" \"/dev/ttyUSB0\"" + " \"/srv/fleet\"");
  }
}
