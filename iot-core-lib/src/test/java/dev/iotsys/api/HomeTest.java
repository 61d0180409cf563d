package dev.iotsys.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeTest {
  @TempDir Path tmp;

  @Test
  void find_fromAFolderBelowAHome_findsTheHome() throws Exception {
    Path home = tmp.resolve("fleet");
    new Home(home, Home.Origin.START).save(new Home.Settings("home", "dynamodb", null, null));
    Path below = Files.createDirectories(home.resolve("a/b"));

    Home found = Home.find(Optional.empty(), Optional.empty(), below);
    assertThat(found.folder()).isEqualTo(home);
    assertThat(found.origin()).isEqualTo(Home.Origin.FOUND);
    assertThat(found.settings()).isEqualTo(new Home.Settings("home", "dynamodb", null, null));
  }

  @Test
  void find_withoutAHomeAbove_isTheStartWithoutSettings() {
    Home found = Home.find(Optional.empty(), Optional.empty(), tmp);
    assertThat(found).isEqualTo(new Home(tmp, Home.Origin.START));
    assertThat(found.settings()).isEqualTo(Home.Settings.NONE);
  }

  @Test
  void find_prefersTheOptionThenTheEnvironmentToTheSearch() throws Exception {
    new Home(tmp, Home.Origin.START).save(new Home.Settings("home", null, null, null));
    Path option = tmp.resolve("o");
    Path env = tmp.resolve("e");
    assertThat(Home.find(Optional.of(option), Optional.of(env), tmp))
        .isEqualTo(new Home(option, Home.Origin.OPTION));
    assertThat(Home.find(Optional.empty(), Optional.of(env), tmp))
        .isEqualTo(new Home(env, Home.Origin.ENVIRONMENT));
  }

  @Test
  void save_saysWhetherTheSettingsChanged() {
    Home home = new Home(tmp, Home.Origin.START);
    Home.Settings settings = new Home.Settings("home", "dynamodb", null, null);
    assertThat(home.save(settings)).as("the first save").isTrue();
    assertThat(home.save(settings)).as("the same settings again").isFalse();
    assertThat(home.save(settings.with(new Home.Settings(null, "timestream", null, null))))
        .as("another store")
        .isTrue();
  }

  @Test
  void save_writesOnlyWhatIsSet_privately_andMergesWithWhatWasKept() throws Exception {
    Home home = new Home(tmp, Home.Origin.START);
    home.save(new Home.Settings("home", "timestream", "eu-west-1", null));
    home.save(home.settings().with(new Home.Settings(null, "dynamodb", null, "work")));

    assertThat(home.settings())
        .isEqualTo(new Home.Settings("home", "dynamodb", "eu-west-1", "work"));
    assertThat(Files.readString(home.settingsFile()))
        .doesNotContain("null")
        .contains("\"store\" : \"dynamodb\"");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.settingsFile())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.settingsFile().getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void settings_whenTheFileIsNotJson_failsInOneLineNamingIt() throws Exception {
    Files.createDirectories(tmp.resolve(".iotsys"));
    Files.writeString(tmp.resolve(Home.SETTINGS), "database=home");
    assertThatThrownBy(() -> new Home(tmp, Home.Origin.START).settings())
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PRECONDITION))
        .hasMessageContaining(tmp.resolve(Home.SETTINGS).toString());
  }
}
