package dev.iotsys.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * A plugin jar made in a test: Java sources compiled with the JDK's compiler against the test's
 * class path, their classes and {@code META-INF/services} files packed into a jar. Its classes are
 * on no class path but the jar's, as a user's plugin would be.
 */
public final class PluginJar {
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, List<String>> services = new LinkedHashMap<>();

  /** A class of the jar, by its full name. */
  public PluginJar source(String className, String code) {
    sources.put(className, code);
    return this;
  }

  /** A provider the jar lists for a service interface. */
  public PluginJar service(Class<?> service, String className) {
    services.computeIfAbsent(service.getName(), k -> new ArrayList<>()).add(className);
    return this;
  }

  /**
   * A sensor type's source whose class is {@code plugin.<Name>}: an id, one measure, five minutes.
   */
  public static String sensorType(String className, String id) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return "package "
        + className.substring(0, className.lastIndexOf('.'))
        + ";\n"
        + "public final class "
        + simple
        + " implements dev.iotsys.spi.SensorType {\n"
        + "  public String id() { return \""
        + id
        + "\"; }\n"
        + "  public String description() { return \"from a plugin jar\"; }\n"
        + "  public java.util.List<dev.iotsys.spi.Measure> measures() {\n"
        + "    return java.util.List.of(new dev.iotsys.spi.Measure(\"moisture\", \"%\", \"0\","
        + " \"100\"));\n"
        + "  }\n"
        + "  public java.time.Duration readingInterval() { return"
        + " java.time.Duration.ofMinutes(5); }\n"
        + "}\n";
  }

  /** Compiles and packs the jar; fails the test on a compile error. */
  public Path writeTo(Path jar) throws IOException {
    Path classes = Files.createTempDirectory("plugin-classes");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<SimpleJavaFileObject> units = new ArrayList<>();
    sources.forEach(
        (name, code) ->
            units.add(
                new SimpleJavaFileObject(
                    URI.create("string:///" + name.replace('.', '/') + ".java"),
                    SimpleJavaFileObject.Kind.SOURCE) {
                  @Override
                  public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return code;
                  }
                }));
    if (!units.isEmpty()) {
      boolean ok =
          javac
              .getTask(
                  null,
                  null,
                  null,
                  List.of(
                      "-d",
                      classes.toString(),
                      "-cp",
                      System.getProperty("java.class.path"),
                      "--release",
                      "17"),
                  null,
                  units)
              .call();
      if (!ok) {
        throw new IllegalStateException("the plugin's sources do not compile");
      }
    }
    Files.createDirectories(jar.toAbsolutePath().getParent());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> all = Files.walk(classes)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
      for (Map.Entry<String, List<String>> s : services.entrySet()) {
        out.putNextEntry(new JarEntry("META-INF/services/" + s.getKey()));
        out.write((String.join("\n", s.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }
}
