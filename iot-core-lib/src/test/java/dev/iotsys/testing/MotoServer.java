package dev.iotsys.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real moto server for integration tests: one process per test JVM, started on a free loopback
 * port on first use, reset before every test, stopped by its process id when the JVM's tests end. A
 * moto that cannot start fails the test: it is never skipped. Its CreateCertificateFromCsr signs
 * with the {@link TestCa#shared() test CA}, which the test broker trusts.
 */
public final class MotoServer implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  /** A Timestream region, which moto serves. */
  public static final String REGION = "us-east-1";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    server(context).reset();
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == Instance.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return server(e);
  }

  private static Instance server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Instance.class, k -> Instance.start(), Instance.class);
  }

  /** A running moto process. */
  public static final class Instance implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private Instance(Process process, URI endpoint) {
      this.process = process;
      this.endpoint = endpoint;
    }

    static Instance start() {
      // Device certificates are signed by the test CA, which MosquittoBroker trusts.
      Path ca = TestCa.shared().folder();
      return launch(
          port ->
              List.of(
                  TestCa.python(),
                  TestCa.launcher().toString(),
                  "--ca",
                  ca.toString(),
                  "127.0.0.1",
                  String.valueOf(port)));
    }

    /**
     * moto as it ships, without the launcher's corrections: what a test of a correction compares
     * the launcher's answers with. The caller stops it with {@link #close()}.
     */
    public static Instance plain() {
      return launch(
          port ->
              List.of(
                  TestCa.python(),
                  "-m",
                  "moto.server",
                  "-H",
                  "127.0.0.1",
                  "-p",
                  String.valueOf(port)));
    }

    private static Instance launch(IntFunction<List<String>> command) {
      try {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
          port = socket.getLocalPort();
        }
        Path log = Paths.get("target", "moto-" + port + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process process =
            new ProcessBuilder(command.apply(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instance instance = new Instance(process, URI.create("http://127.0.0.1:" + port));
        instance.awaitReady(log);
        return instance;
      } catch (IOException e) {
        throw new IllegalStateException(
            "Cannot start moto: "
                + e.getMessage()
                + " (install it with: pip install 'moto[server]')",
            e);
      }
    }

    private void awaitReady(Path log) throws IOException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "moto exited with "
                  + process.exitValue()
                  + " before answering; its output: "
                  + Files.readString(log)
                  + " (install it with: pip install 'moto[server]')");
        }
        try {
          reset();
          return;
        } catch (IOException | IllegalStateException e) {
          sleep(100);
        }
      }
      process.destroyForcibly();
      throw new IllegalStateException("moto did not answer within 60 s; see " + log);
    }

    /** The endpoint every AWS client of a test uses. */
    public URI endpoint() {
      return endpoint;
    }

    /** Clears every resource in moto. */
    public void reset() throws IOException {
      post("/moto-api/reset", "");
    }

    /**
     * POSTs to moto's own API, e.g. to preload query results.
     *
     * @return the response body
     */
    public String post(String path, String body) throws IOException {
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(endpoint.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
          throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return response.body();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Stops moto by its process id; JUnit calls this when the root context closes. */
    @Override
    public void close() {
      long pid = process.pid();
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
      } catch (InterruptedException e) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Thread.currentThread().interrupt();
      }
    }
  }
}
