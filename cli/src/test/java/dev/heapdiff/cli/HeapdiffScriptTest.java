package dev.heapdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code heapdiff} script at the top of the checkout rebuilds the jar when any source is newer:
 * run from a copy in a checkout of a few files, with {@code mvn} and {@code java} replaced by scripts
 * that only say they ran.
 */
class HeapdiffScriptTest {
  private static final Path SCRIPT = Path.of("..", "heapdiff").toAbsolutePath().normalize();
  private static final FileTime JAR_TIME = FileTime.fromMillis(1_700_000_000_000L);

  @TempDir Path checkout;
  Path bin;

  @BeforeEach
  void aCheckoutWithAJar() throws IOException {
    assumeTrue(Files.isRegularFile(SCRIPT) && Files.isExecutable(Path.of("/bin/bash")), "bash and the script");
    Files.copy(SCRIPT, checkout.resolve("heapdiff"));
    checkout.resolve("heapdiff").toFile().setExecutable(true);
    bin = Files.createDirectories(checkout.resolve("stubs/bin"));
    stub("mvn", "echo mvn ran; exit 0");
    stub("java", "echo java ran");
    source("pom.xml");
    source("cli/src/main/java/dev/heapdiff/cli/Main.java");
    source("report/src/main/resources/dev/heapdiff/report/page.css");
    Path jar = Files.createDirectories(checkout.resolve("cli/target")).resolve("heapdiff.jar");
    Files.writeString(jar, "");
    Files.setLastModifiedTime(jar, JAR_TIME);
  }

  @Test
  void aJarNewerThanEverySourceIsRunAsItIs() throws Exception {
    assertThat(run()).isEqualTo("java ran\n");
  }

  @Test
  void aNewerResourceRebuildsTheJarFirst() throws Exception {
    Files.setLastModifiedTime(checkout.resolve("report/src/main/resources/dev/heapdiff/report/page.css"),
        FileTime.fromMillis(JAR_TIME.toMillis() + 60_000));

    assertThat(run()).isEqualTo("building heapdiff…\njava ran\n");
  }

  @Test
  void aNewerJavaFileRebuildsTheJarFirst() throws Exception {
    Files.setLastModifiedTime(checkout.resolve("cli/src/main/java/dev/heapdiff/cli/Main.java"),
        FileTime.fromMillis(JAR_TIME.toMillis() + 60_000));

    assertThat(run()).isEqualTo("building heapdiff…\njava ran\n");
  }

  /** A file older than the jar. */
  private void source(String path) throws IOException {
    Path file = checkout.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "");
    Files.setLastModifiedTime(file, FileTime.fromMillis(JAR_TIME.toMillis() - 60_000));
  }

  private void stub(String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    file.toFile().setExecutable(true);
  }

  /** Runs the script; returns what it printed, standard error and output together. */
  private String run() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of("/bin/bash", checkout.resolve("heapdiff").toString()))
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("PATH", bin + ":/usr/bin:/bin");
    env.put("JAVA_HOME", checkout.resolve("stubs").toString());
    env.remove("HEAPDIFF_JAVA_OPTS");
    Process script = builder.start();
    if (!script.waitFor(30, TimeUnit.SECONDS)) {
      script.destroyForcibly();
      throw new AssertionError("the script did not end in 30 s");
    }
    return new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
