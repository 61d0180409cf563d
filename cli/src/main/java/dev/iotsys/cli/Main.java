package dev.iotsys.cli;

/** The {@code iotsys} command. Everything happens in {@link IotsysCli}; this only wires the JVM. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code =
        new IotsysCli(System.out, System.err, System.getenv(), System.console() != null).run(args);
    System.out.flush();
    System.exit(code);
  }
}
