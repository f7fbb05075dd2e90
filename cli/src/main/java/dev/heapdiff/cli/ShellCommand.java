package dev.heapdiff.cli;

import dev.heapdiff.Heap;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.internal.PrivateFiles;
import dev.heapdiff.report.HeapyText;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code heapdiff shell [DUMP...]}: the JDK's jshell, from the Java home running this command, with
 * heapdiff on its class path, {@code dev.heapdiff.*} and {@code java.nio.file.*} imported and the
 * dumps loaded ({@link StartupScript}), in a feedback mode that shows tables whole
 * ({@link FeedbackMode}). jshell runs as a child process on this terminal ({@link JshellProcess});
 * its exit code is the command's.
 */
@Command(name = "shell", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = {"Starts jshell with heapdiff imported and the dumps loaded: one dump is 'snap', "
        + "two are 'before' and 'after', more are 'snap1', 'snap2', ...",
        "Dumps are read on first use, e.g. snap.byClass()."})
final class ShellCommand implements Callable<Integer> {
  static final String DEFAULT_REMOTE_XMX = "4g";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DUMP", arity = "0..*", description = "HotSpot heap dumps (.hprof), plain or gzip.")
  List<Path> dumps = new ArrayList<>();

  @Option(names = "--remote-xmx", paramLabel = "SIZE", defaultValue = DEFAULT_REMOTE_XMX,
      description = "Maximum heap of the JVM that runs the snippets, where dumps are read, "
          + "as for -Xmx (default: ${DEFAULT-VALUE}).")
  String remoteXmx;

  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!remoteXmx.matches("[1-9][0-9]*[kKmMgGtT]?")) {
      throw new ParameterException(spec.commandLine(),
          "Invalid value for option '--remote-xmx': '" + remoteXmx + "' is not a size such as 4g or 512m");
    }
    for (Path dump : dumps) {
      if (!Files.exists(dump)) {
        throw new NoSuchFileException(dump.toString());
      }
      if (!Files.isReadable(dump)) {
        throw new AccessDeniedException(dump.toString());
      }
    }
    StartupScript script = new StartupScript(dumps);
    Path jshell = jshellExecutable();
    Path dir = PrivateFiles.temporaryDirectory("heapdiff-shell-");
    Path startup = dir.resolve("startup.jsh");
    Path feedback = dir.resolve("feedback.jsh");
    dir.toFile().deleteOnExit();
    startup.toFile().deleteOnExit(); // deleted before the directory, also on Ctrl-C before jshell runs
    feedback.toFile().deleteOnExit();
    try {
      // Owner-only: the script names the dumps, and heapdiff's files are its user's alone.
      Files.writeString(PrivateFiles.newFile(startup), script.source(), StandardCharsets.US_ASCII);
      Files.writeString(PrivateFiles.newFile(feedback), FeedbackMode.COMMANDS, StandardCharsets.US_ASCII);
      PrintWriter out = spec.commandLine().getOut();
      out.println("heapdiff shell: " + script.summary());
      out.flush();
      return JshellProcess.run(command(jshell, startup, feedback));
    } finally {
      Files.deleteIfExists(startup);
      Files.deleteIfExists(feedback);
      Files.deleteIfExists(dir);
    }
  }

  /**
   * Returns the jshell command line: heapdiff's class path and the remote heap; jshell's default
   * startup and then the imports and dumps, both run again on {@code /reset}; the feedback mode,
   * defined once by a file to load.
   */
  List<String> command(Path jshell, Path startup, Path feedback) throws IOException {
    return List.of(jshell.toString(), "--class-path", libraryClassPath(), "-R-Xmx" + remoteXmx,
        "--startup", "DEFAULT", "--startup", startup.toString(), "--feedback", FeedbackMode.NAME, feedback.toString());
  }

  /** The jshell of the Java home running this command. */
  static Path jshellExecutable() throws IOException {
    Path home = Path.of(System.getProperty("java.home"));
    boolean windows = System.getProperty("os.name", "").startsWith("Windows");
    Path jshell = home.resolve("bin").resolve(windows ? "jshell.exe" : "jshell");
    if (!Files.isExecutable(jshell)) {
      throw new IOException("no jshell in " + home + ": heapdiff shell needs a JDK (17 or newer), not only a runtime");
    }
    return jshell;
  }

  /**
   * Returns where heapdiff's library classes come from: the runnable jar alone, or the class
   * directories (or jars) of {@code core}, {@code hprof-reader} and {@code report} in a build.
   */
  static String libraryClassPath() throws IOException {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c : List.of(Heap.class, HeapGraph.class, HeapyText.class)) {
      try {
        entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException | RuntimeException e) {
        throw new IOException("cannot find where " + c.getName() + " was loaded from, for jshell's class path", e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  @Override
  public String toString() {
    return "heapdiff shell --remote-xmx " + remoteXmx + (dumps.isEmpty() ? "" : " ") + String.join(" ",
        dumps.stream().map(Path::toString).toList());
  }
}
