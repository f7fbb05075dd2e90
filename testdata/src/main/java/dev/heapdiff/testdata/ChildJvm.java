package dev.heapdiff.testdata;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a workload's {@code main} in a child JVM with the current class path. */
public final class ChildJvm {
  private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

  private final Path javaHome;
  private final List<String> options = new ArrayList<>();

  private ChildJvm(Path javaHome) {
    this.javaHome = javaHome;
  }

  /** A child of the JDK running this test. */
  public static ChildJvm current() {
    return new ChildJvm(Path.of(System.getProperty("java.home")));
  }

  /** A child of the given JDK. */
  public static ChildJvm of(Path javaHome) {
    return new ChildJvm(javaHome);
  }

  /**
   * Finds the machine's second JDK (Temurin 25) in the system's JVM directory, or the JDK named by
   * the environment variable {@code HEAPDIFF_JDK25}.
   */
  public static Optional<Path> jdk25() {
    String env = System.getenv("HEAPDIFF_JDK25");
    if (env != null && Files.isExecutable(Path.of(env, "bin", "java"))) {
      return Optional.of(Path.of(env));
    }
    try (var dirs = Files.list(JVM_DIR)) {
      return dirs.filter(d -> d.getFileName().toString().matches(".*-25(\\.|-|$).*|.*25-jdk.*"))
          .filter(d -> Files.isExecutable(d.resolve("bin/java")))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Adds JVM options such as {@code -XX:+UseSerialGC}. */
  public ChildJvm with(String... jvmOptions) {
    options.addAll(List.of(jvmOptions));
    return this;
  }

  /** Runs {@code mainClass} with {@code args}; fails if it does not exit 0 within the timeout. */
  public void run(Class<?> mainClass, int timeoutSeconds, String... args) throws IOException, InterruptedException {
    Outcome outcome = outcome(mainClass, timeoutSeconds, args);
    if (outcome.exitCode() != 0) {
      throw new IOException("child JVM exited with " + outcome.exitCode() + ": " + outcome.command() + "\n"
          + outcome.output());
    }
  }

  /** What a child JVM did: its exit code and its standard output and error, interleaved. */
  public record Outcome(List<String> command, int exitCode, String output) {}

  /**
   * Runs {@code mainClass} with {@code args} and returns how it ended, whatever its exit code; fails
   * only if it does not finish within the timeout. The options given with {@link #with} come after
   * the default {@code -Xmx1g}, so an {@code -Xmx} among them wins.
   */
  public Outcome outcome(Class<?> mainClass, int timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.add("-Xmx1g");
    command.addAll(options);
    command.add("-cp");
    command.add(System.getProperty("java.class.path") + File.pathSeparator + classDirectory(mainClass));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    Path log = Files.createTempFile("heapdiff-child-", ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("child JVM did not finish in " + timeoutSeconds + " s: " + command
            + "\n" + Files.readString(log));
      }
      return new Outcome(List.copyOf(command), process.exitValue(), Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String classDirectory(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (Exception e) {
      return "";
    }
  }

  @Override
  public String toString() {
    return "ChildJvm[" + javaHome + " " + String.join(" ", options) + "]";
  }
}
