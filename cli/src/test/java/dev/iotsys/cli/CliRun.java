package dev.iotsys.cli;

import dev.iotsys.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one run of the command line printed and returned.
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int exitCode, String out, String err) {

  /**
   * A home for an in-process run that names none: an empty folder of its own, so that no test
   * writes settings into the module's folder (the working directory) or finds another's.
   */
  private static Path freshHome() {
    try {
      Path home = java.nio.file.Files.createTempDirectory("iotsys-cli-home-");
      home.toFile().deleteOnExit();
      return home;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Runs the CLI in this JVM, as {@code iotsys ARGS}, not attached to a terminal. Without {@code
   * --home} or IOTSYS_HOME its home is a new empty folder.
   */
  static CliRun inProcess(Map<String, String> env, String... args) {
    return inProcess(env, false, args);
  }

  /**
   * Runs the CLI in this JVM as {@link #inProcess(Map, String...)} does, attached to a terminal or
   * not: on one, progress goes to standard error.
   */
  static CliRun inProcess(Map<String, String> env, boolean terminal, String... args) {
    if (!env.containsKey("IOTSYS_HOME")) {
      Map<String, String> withHome = new java.util.HashMap<>(env);
      withHome.put("IOTSYS_HOME", freshHome().toString());
      env = withHome;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = new IotsysCli(o, e, env, terminal).run(args);
    }
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Runs the CLI in this JVM against moto, with the given home ({@code --endpoint-url}, {@code
   * --region} and {@code --home} before the arguments).
   */
  static CliRun againstMoto(
      MotoServer.Instance moto, Path home, Map<String, String> env, String... args) {
    return againstMoto(moto, home, env, false, args);
  }

  /** As {@link #againstMoto(MotoServer.Instance, Path, Map, String...)}, on a terminal or not. */
  static CliRun againstMoto(
      MotoServer.Instance moto,
      Path home,
      Map<String, String> env,
      boolean terminal,
      String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--endpoint-url",
                moto.endpoint().toString(),
                "--region",
                MotoServer.REGION,
                "--home",
                home.toString()));
    all.addAll(List.of(args));
    return inProcess(env, terminal, all.toArray(String[]::new));
  }

  /**
   * Runs the packaged CLI ({@code target/iotsys.jar}, as a user runs it) as a separate process with
   * exactly the given environment, for what a JVM cannot change in itself (no region, no
   * credentials).
   */
  static CliRun process(Path home, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path jar = Path.of("target", "iotsys.jar").toAbsolutePath();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
    pb.environment().clear();
    pb.environment().put("HOME", home.toString());
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().putAll(env);
    File out = home.resolve("stdout.txt").toFile();
    File err = home.resolve("stderr.txt").toFile();
    Process p = pb.redirectOutput(out).redirectError(err).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("iotsys did not finish within 120 s");
    }
    return new CliRun(
        p.exitValue(),
        java.nio.file.Files.readString(out.toPath()),
        java.nio.file.Files.readString(err.toPath()));
  }
}
