package dev.heapdiff.hprof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random damage to a valid dump: each of 200 seeded variants, with one to four bytes changed, is
 * either read into a graph whose every accessor works, or refused with an {@link IOException}
 * (almost always an {@link HprofFormatException}); nothing else is thrown and nothing hangs.
 */
class FlippedBytesTest {
  private static final long SEED = 0x5EED_2026L;

  @TempDir Path dir;

  @Test
  void aDumpWithFlippedBytesIsReadOrRefusedWithAFormatError() throws Exception {
    byte[][] valid = {SyntheticDumps.small(4).bytes(), SyntheticDumps.small(8).bytes()};
    Random random = new Random(SEED);
    int read = 0;
    int refused = 0;
    for (int round = 0; round < 200; round++) {
      byte[] dump = valid[round % 2].clone();
      StringBuilder flips = new StringBuilder();
      for (int k = 1 + random.nextInt(4); k > 0; k--) {
        int at = random.nextInt(dump.length);
        dump[at] ^= (byte) (1 + random.nextInt(255));
        flips.append(' ').append(at);
      }
      Path file = dir.resolve("flipped-" + round + ".hprof");
      Files.write(file, dump);
      String what = "round " + round + " (seed " + SEED + ", bytes changed at" + flips + ")";
      boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> readOrRefuse(file, what), what);
      if (ok) {
        read++;
      } else {
        refused++;
      }
      Files.delete(file);
    }
    assertThat(read).as("variants read").isPositive();
    assertThat(refused).as("variants refused").isPositive();
  }

  /** Returns true if the dump was read and every accessor worked, false if it was refused. */
  private static boolean readOrRefuse(Path file, String what) {
    try (HeapGraph g = HeapGraph.open(file)) {
      exercise(g);
      return true;
    } catch (HprofFormatException e) {
      assertThat(e.getMessage()).as(what).contains(file.toString()).contains("byte offset");
      return false;
    } catch (IOException e) {
      return false;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": expected a graph or an IOException, but got " + e, e);
    }
  }

  private static void exercise(HeapGraph g) {
    assertThat(g.toString()).isNotEmpty();
    g.roots();
    g.systemProperties();
    for (HeapClass c : g.classes()) {
      assertThat(c.toString()).isNotEmpty();
    }
    for (int i = 0; i < g.objectCount(); i++) {
      g.kind(i);
      g.classOf(i);
      g.asClass(i);
      g.shallowSize(i);
      g.arrayLength(i);
      g.isReachable(i);
      g.references(i);
      g.namedReferences(i);
      g.referrers(i);
      g.fields(i).forEach(HeapField::toString);
      g.stringValue(i);
    }
  }
}
