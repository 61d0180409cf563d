package dev.iotsys.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotsys.api.IotsysException;
import dev.iotsys.testing.MotoAws;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A call whose answer trickles in (a {@code 200} head announcing 100,000 bytes, then a byte every
 * tenth of a second) ends at its deadline, and its connection is closed then, not drained. The JDK
 * keeps a connection by reading what is left of an answer on a background thread that holds the
 * answer's lock; the SDK's timeout, and the command, then wait for that thread, for as long as the
 * endpoint trickles (a user saw more than 9.5 minutes). Whether anything waits for it is a race;
 * whether the connection is drained is not, so that is what this checks, in a JVM of its own: the
 * JDK reads its setting once per JVM, and a test JVM has used HttpURLConnection before.
 */
class CallDeadlineIT {

  @Test
  void aTricklingAnswer_endsAtTheCallDeadline_withItsConnectionClosedNotDrained() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process probe =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Probe.class.getName())
            .redirectErrorStream(true)
            .start();
    boolean ended = probe.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      probe.destroyForcibly();
    }
    String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as("the probe ended; it said: %s", said).isTrue();
    assertThat(said).contains("UNREACHABLE: The AWS endpoint", "within 1 s").contains("closed");
    assertThat(said).doesNotContain("drained");
  }

  /** Runs one call against a trickling endpoint and says how it ended and what became of it. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
        CountDownLatch closed = new CountDownLatch(1);
        Thread trickle = new Thread(() -> trickle(server, closed));
        trickle.setDaemon(true);
        trickle.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getLocalPort());
        try (AwsClients clients =
            new AwsClients(
                new AwsClients.Settings(
                    "us-east-1",
                    null,
                    endpoint,
                    MotoAws.CREDENTIALS,
                    List.of(),
                    Map.of(),
                    Duration.ofSeconds(1)))) {
          try {
            clients.iot().describeThing(r -> r.thingName("kitchen"));
            System.out.println("answered");
          } catch (SdkException e) {
            IotsysException said = AwsErrors.translate(e, "reading thing kitchen");
            System.out.println(said.kind() + ": " + said.getMessage());
          }
        }
        // Closed by the client at once, or read on in the background: a few writes tell.
        System.out.println(closed.await(10, TimeUnit.SECONDS) ? "closed" : "drained");
      }
    }

    private static void trickle(ServerSocket server, CountDownLatch closed) {
      try (Socket socket = server.accept()) {
        InputStream in = socket.getInputStream();
        in.read(new byte[65536]);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                    + "{\"thingName\": \"")
                .getBytes(StandardCharsets.US_ASCII));
        while (true) {
          out.write('k');
          out.flush();
          Thread.sleep(100);
        }
      } catch (IOException e) {
        closed.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
