package dev.iotsys.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, driven by Playwright (playwright-core from npm) through a small node program
 * (src/test/browser/bridge.mjs) that takes one JSON command per line. A missing Chromium fails the
 * test with how to install it: it is never skipped. A missing playwright-core is installed with
 * {@code npm ci} from the committed lock file, as {@code make test} does.
 */
final class Browser implements AutoCloseable {
  static final Path DIR = Path.of("src", "test", "browser").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process node;
  private final BufferedReader answers;
  private final Writer commands;
  private final Path log;

  private Browser(Process node, Path log) {
    this.node = node;
    this.log = log;
    this.answers =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    this.commands = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
  }

  static Path chromium() {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    if (!Files.isExecutable(chromium)) {
      throw new IllegalStateException(
          "Chromium is missing at "
              + chromium
              + ": 'make test' installs it as root with apt-get, else run 'sudo apt-get install"
              + " chromium' (or set CHROMIUM to its path)");
    }
    return chromium;
  }

  static Browser start() throws IOException, InterruptedException {
    Path chromium = chromium();
    if (!Files.exists(DIR.resolve("node_modules/playwright-core/package.json"))) {
      run(List.of("npm", "ci", "--no-audit", "--no-fund"));
    }
    Path log = Path.of("target", "browser-bridge.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    ProcessBuilder pb =
        new ProcessBuilder("node", DIR.resolve("bridge.mjs").toString())
            .directory(DIR.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("CHROMIUM", chromium.toString());
    return new Browser(pb.start(), log);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed in " + DIR + ": " + output);
    }
  }

  /** Runs one command; its answer's value, or the failure as an exception. */
  JsonNode call(String op, Object... args) {
    ObjectNode command = JSON.createObjectNode().put("op", op);
    for (int i = 0; i < args.length; i += 2) {
      command.set((String) args[i], JSON.valueToTree(args[i + 1]));
    }
    try {
      commands.write(JSON.writeValueAsString(command) + "\n");
      commands.flush();
      String line = answers.readLine();
      if (line == null) {
        throw new IllegalStateException("the browser bridge stopped; see " + log);
      }
      JsonNode answer = JSON.readTree(line);
      if (!answer.get("ok").asBoolean()) {
        throw new AssertionError(op + " failed in the browser: " + answer.get("error").asText());
      }
      return answer.get("value");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode open(String url) {
    return call("open", "url", url);
  }

  /** Opens with a fake clock that only {@link #fastForward} moves. */
  JsonNode openWithFakeClock(String url) {
    return call("open", "url", url, "clock", true);
  }

  void waitFor(String selector) {
    call("waitFor", "selector", selector);
  }

  void waitUntil(String expression) {
    call("waitForFunction", "expression", expression);
  }

  JsonNode eval(String expression) {
    return call("eval", "expression", expression);
  }

  String text(String selector) {
    return eval("document.querySelector(" + JSON.valueToTree(selector) + ").textContent").asText();
  }

  void click(String selector) {
    call("click", "selector", selector);
  }

  void screenshot(Path file) {
    call("screenshot", "file", file.toAbsolutePath().toString());
  }

  void fastForward(long millis) {
    call("fastForward", "ms", millis);
  }

  /** What the page asked for (paths on the dashboard), what it was refused, its console errors. */
  JsonNode seen() {
    return call("seen");
  }

  @Override
  public void close() throws IOException {
    try {
      call("close");
    } finally {
      commands.close();
      try {
        if (!node.waitFor(20, TimeUnit.SECONDS)) {
          node.destroyForcibly();
        }
      } catch (InterruptedException e) {
        node.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
