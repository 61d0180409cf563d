package dev.iotsys.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one run of make in the repository's root printed and returned.
 *
 * @param exitCode make's exit code
 * @param out standard output
 * @param err standard error
 */
record MakeRun(int exitCode, String out, String err) {

  /**
   * Runs {@code make ARGS} in the repository's root, without the Wi-Fi password variables of this
   * environment, with {@code env} added.
   */
  static MakeRun make(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "make",
                "--no-print-directory",
                "-C",
                Path.of("..").toAbsolutePath().normalize().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    for (String inherited :
        List.of("IOTSYS_WIFI_PASSWORD", "wifipassword", "MAKEFLAGS", "MFLAGS")) {
      pb.environment().remove(inherited);
    }
    pb.environment().putAll(env);
    Path out = Files.createTempFile("make-out-", ".txt");
    Path err = Files.createTempFile("make-err-", ".txt");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("make did not finish within 180 s");
      }
      return new MakeRun(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
