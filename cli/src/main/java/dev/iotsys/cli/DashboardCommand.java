package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.cli.dashboard.DashboardServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code iotsys dashboard}: the fleet and each sensor's charts as a local web page, read only,
 * served until Ctrl-C on 127.0.0.1 (another address only with {@code --bind}, and a warning).
 */
final class DashboardCommand implements Command {
  /** The port tried first when none is given; the next few are tried when it is taken. */
  static final int DEFAULT_PORT = 8421;

  private static final int PORTS_TRIED = 10;

  static final Option PORT =
      Option.builder()
          .longOpt("port")
          .hasArg()
          .argName("N")
          .desc("the port to serve on, 0 for any free one (default: 8421, else the next free)")
          .get();
  static final Option OPEN =
      Option.builder().longOpt("open").desc("open the page in the default browser").get();
  static final Option BIND =
      Option.builder()
          .longOpt("bind")
          .hasArg()
          .argName("ADDR")
          .desc("listen on this address instead of 127.0.0.1 (others on the network can connect)")
          .get();

  @Override
  public List<String> words() {
    return List.of("dashboard");
  }

  @Override
  public String parameters() {
    return "[--port N] [--open]";
  }

  @Override
  public String summary() {
    return "serve a local web page of the fleet's health and charts (read only; Ctrl-C stops it)";
  }

  @Override
  public List<String> examples() {
    return List.of("iotsys dashboard --open", "iotsys dashboard --port 9000");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return List.of(ErrorKind.INTERNAL, ErrorKind.INVALID_INPUT, ErrorKind.PRECONDITION);
  }

  @Override
  public Options options() {
    return new Options().addOption(PORT).addOption(OPEN).addOption(BIND);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    Arguments.none(params, "dashboard");
    Integer port = cl.hasOption(PORT) ? port(cl.getOptionValue(PORT)) : null;
    InetAddress address = address(cl.getOptionValue(BIND));
    List<String> names = cl.hasOption(BIND) ? List.of(cl.getOptionValue(BIND)) : List.<String>of();
    Iotsys iotsys = GlobalOptions.iotsys(cl, io.env());
    DashboardServer server = start(iotsys, address, port, names);
    String bind = cl.getOptionValue(BIND, "127.0.0.1");
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    if (!address.isLoopbackAddress()) {
      io.err()
          .println(
              "iotsys: warning: the dashboard listens on "
                  + address.getHostAddress()
                  + ", not only on this machine: whoever reaches that address and has the token"
                  + " sees the fleet");
    }
    io.out().println("iotsys dashboard: " + server.url(host) + "  (Ctrl-C stops it)");
    io.out().flush();
    if (cl.hasOption(OPEN)) {
      open(server.url(host).toString(), io);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  iotsys.close();
                  stopped.countDown();
                },
                "iotsys-dashboard-stop"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static DashboardServer start(
      Iotsys iotsys, InetAddress address, Integer port, List<String> names) {
    int first = port == null ? DEFAULT_PORT : port;
    int tries = port == null ? PORTS_TRIED : 1;
    for (int p = first; p < first + tries; p++) {
      try {
        return DashboardServer.start(iotsys, address, p, names);
      } catch (BindException taken) {
        // the next one, unless the user named this one
      } catch (IOException e) {
        throw new IotsysException(
            ErrorKind.INTERNAL, "Cannot serve the dashboard: " + e.getMessage(), e);
      }
    }
    throw new IotsysException(
        ErrorKind.PRECONDITION,
        port == null
            ? "Ports "
                + first
                + " to "
                + (first + tries - 1)
                + " are all in use: give a free one with --port, or --port 0 for any"
            : "Port " + port + " is in use: give a free one with --port, or --port 0 for any");
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IotsysException(
        ErrorKind.INVALID_INPUT,
        "Invalid --port '" + IotsysException.shown(value) + "': use 0 to 65535");
  }

  private static InetAddress address(String bind) {
    if (bind == null) {
      return InetAddress.getLoopbackAddress();
    }
    try {
      return InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --bind '"
              + IotsysException.shown(bind)
              + "': not an address of this machine, e.g. 192.168.1.20");
    }
  }

  /** The desktop's own opener; failing, the user still has the URL printed above. */
  private static void open(String url, Terminal io) {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    List<String> command =
        os.contains("mac")
            ? List.of("open", url)
            : os.contains("win")
                ? List.of("rundll32", "url.dll,FileProtocolHandler", url)
                : List.of("xdg-open", url);
    try {
      new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      io.err()
          .println(
              "iotsys: note: no browser opened ("
                  + command.get(0)
                  + ": "
                  + e.getMessage()
                  + "); open the URL above");
    }
  }
}
