package dev.heapdiff.cli;

import static dev.heapdiff.testdata.BasicType.INT;
import static dev.heapdiff.testdata.BasicType.OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.hprof.NotEnoughMemoryException;
import dev.heapdiff.testdata.ChildJvm;
import dev.heapdiff.testdata.HprofWriter;
import java.nio.file.Path;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump too large for the JVM's heap gives one line naming the file and what to raise, and exit
 * code 1, not an {@link OutOfMemoryError} and its stack trace: for opening a dump and for matching
 * two. The command runs in a child JVM with a small {@code -Xmx}.
 */
class NotEnoughMemoryTest {
  private static final long OBJECT_CLASS = 0x100;
  private static final long ITEM_CLASS = 0x110;

  @TempDir Path dir;

  /**
   * A chain of {@code items} instances (one int, one reference each) from one root, the first
   * {@code skip} left out: about 29 bytes of file and 40 of heap per object while it opens.
   */
  private Path chain(String name, int skip, int items) {
    return chain(name, skip, items, false);
  }

  /**
   * The same; when {@code scrambled}, item {@code i} at another address than {@link #id}'s, in no
   * order: the address-order merge pairs none, and the matcher weighs every object.
   */
  private Path chain(String name, int skip, int items, boolean scrambled) {
    Path file = dir.resolve(name);
    HprofWriter w = HprofWriter.toFile(file, 8);
    w.loadClass(OBJECT_CLASS, "java/lang/Object").classDump(OBJECT_CLASS).end();
    w.loadClass(ITEM_CLASS, "Item").classDump(ITEM_CLASS).superclass(OBJECT_CLASS)
        .field("value", INT).field("next", OBJECT).end();
    IntUnaryOperator at = i -> scrambled ? (int) (i * 7_919L % items) : i;
    for (int i = skip; i < items; i++) {
      w.instance(id(at.applyAsInt(i)), ITEM_CLASS, i, i + 1 < items ? id(at.applyAsInt(i + 1)) : 0L);
    }
    w.rootUnknown(id(at.applyAsInt(skip)));
    w.close();
    return file;
  }

  private static long id(int i) {
    return 0x10_0000L + 16L * i;
  }

  private static ChildJvm.Outcome heapdiffWithHeap(String xmx, String... args) throws Exception {
    return ChildJvm.current().with(xmx).outcome(Main.class, 120, args);
  }

  @Test
  void aDumpTooLargeToOpenIsNamedWithTheHeapToAskFor() throws Exception {
    Path big = chain("big.hprof", 0, 1_500_000);

    ChildJvm.Outcome run = heapdiffWithHeap("-Xmx32m", "show", big.toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output().lines()).as(run.output()).singleElement().asString()
        .startsWith("heapdiff: not enough Java heap to open " + big)
        .contains("maximum heap is 32 MB", "run Java with a larger -Xmx (for example -Xmx1g)",
            "HEAPDIFF_JAVA_OPTS=-Xmx1g heapdiff ...");
  }

  @Test
  void twoDumpsTooLargeToMatchAreNamedWithTheirObjectsAndTheHeapToAskFor() throws Exception {
    Path before = chain("before.hprof", 0, 400_000);
    Path after = chain("after.hprof", 40_000, 440_000, true);

    // Each graph takes about 9 MB once open (16 while it opens); the matching about 88 MB more where
    // the matcher weighs every object (the after dump's addresses are scrambled: where the order is
    // kept, the address-order merge leaves the matcher little, and 56 MB can be enough).
    ChildJvm.Outcome run = heapdiffWithHeap("-Xmx56m", "diff", before.toString(), after.toString());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output().lines()).as(run.output()).singleElement().asString()
        .startsWith("heapdiff: not enough Java heap to match " + after + " and " + before + " (800,004 objects)")
        .contains("that needs about", "MB of heap", "maximum heap is 56 MB", "HEAPDIFF_JAVA_OPTS=-Xmx1g");
  }

  /**
   * Heaps around what a small dump needs: each run works or says so in one line. A QA pass found a
   * stack trace at some of them (the exception's own message ran out of heap while the partly built
   * graph was still held).
   */
  @Test
  void aHeapJustTooSmallGivesOneLineNotAStackTrace() throws Exception {
    Path before = chain("before.hprof", 0, 60_000);
    Path after = chain("after.hprof", 2_000, 62_000);
    for (String xmx : new String[] {"-Xmx6m", "-Xmx8m", "-Xmx9m", "-Xmx10m", "-Xmx11m", "-Xmx12m", "-Xmx16m"}) {
      for (String[] args : new String[][] {{"show", after.toString()},
          {"diff", before.toString(), after.toString()}}) {
        ChildJvm.Outcome run = heapdiffWithHeap(xmx, args);
        String what = xmx + " " + String.join(" ", args) + ":\n" + run.output();
        if (run.exitCode() != 0) {
          assertThat(run.exitCode()).as(what).isEqualTo(1);
          assertThat(run.output().lines()).as(what).singleElement().asString()
              .startsWith("heapdiff: not enough Java heap").contains("HEAPDIFF_JAVA_OPTS=-Xmx");
        } else {
          assertThat(run.output()).as(what).doesNotContain("Exception", "Error");
        }
      }
    }
  }

  @Test
  void theLineForAHeapThatRanOutElsewhereSuggestsTwiceTheMaximumInWholeGigabytes() {
    assertThat(Main.outOfHeap(10L << 20)).isEqualTo("heapdiff: not enough Java heap (this JVM's maximum heap is"
        + " 10 MB); for this command: HEAPDIFF_JAVA_OPTS=-Xmx1g heapdiff ...");
    assertThat(Main.outOfHeap(3L << 30)).contains("maximum heap is 3,072 MB", "-Xmx6g");
  }

  @Test
  void aHeapExhaustionIsRecognisedThroughTheExceptionsThatCarryIt() {
    OutOfMemoryError heap = new OutOfMemoryError("Java heap space");
    assertThat(NotEnoughMemoryException.isHeapExhaustion(heap)).isTrue();
    assertThat(NotEnoughMemoryException.isHeapExhaustion(new IllegalStateException(new RuntimeException(heap))))
        .isTrue();
    assertThat(NotEnoughMemoryException.isHeapExhaustion(new OutOfMemoryError("Metaspace"))).isFalse();
    assertThat(NotEnoughMemoryException.isHeapExhaustion(
        new OutOfMemoryError("unable to create native thread: possibly out of memory"))).isFalse();
    assertThat(NotEnoughMemoryException.isHeapExhaustion(new IllegalStateException("no"))).isFalse();
  }
}
