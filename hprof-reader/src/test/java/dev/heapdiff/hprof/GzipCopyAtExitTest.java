package dev.heapdiff.hprof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gzip dump is read from a decompressed copy in the temporary directory; when the JVM is stopped
 * while the dump is open (Ctrl-C, {@code kill}), the copy, a whole dump with its secrets, is deleted.
 */
class GzipCopyAtExitTest {
  @TempDir Path dir;

  /** Opens the gzip dump named by its argument, says so, and waits to be stopped. */
  public static final class OpenAndWait {
    public static void main(String[] args) throws Exception {
      HeapGraph graph = HeapGraph.open(Path.of(args[0]));
      System.out.println("open " + graph.objectCount());
      System.out.flush();
      Thread.sleep(60_000);
    }
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Process.destroy() runs no shutdown hooks there")
  void theDecompressedCopyIsDeletedWhenTheJvmIsStopped() throws Exception {
    Path gzip = dir.resolve("small.hprof.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
      out.write(SyntheticDumps.small(8).bytes());
    }
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        OpenAndWait.class.getName(), gzip.toString())).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).as("the child's first line").startsWith("open ");
      assertThat(copies(tmp)).as("while open").hasSize(1);

      child.destroy(); // SIGTERM: the JVM exits through its shutdown hooks, as on Ctrl-C
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(copies(tmp)).as("after the JVM was stopped").isEmpty();
  }

  private static List<String> copies(Path tmp) throws Exception {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("heapdiff-")).toList();
    }
  }
}
