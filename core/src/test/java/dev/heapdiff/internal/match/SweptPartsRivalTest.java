package dev.heapdiff.internal.match;

import static dev.heapdiff.testdata.BasicType.INT;
import static dev.heapdiff.testdata.BasicType.OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.internal.Analysis;
import dev.heapdiff.testdata.HprofWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matcher alone (as with random ids) on a doubly linked list whose new entries were inserted at
 * the head, in the old first entry's place, as the JDK's common {@code Cleaner} list grows: each entry
 * holds a site of its own (held by nothing else), which holds a target. The old sites' targets are
 * held by an array as well, so they are paired before the list is weighed; a new entry, weighed in
 * the old first entry's place, must not be paired with it, which would make the sweep pair its new
 * site with the old site whose target's partner another (the surviving) site holds.
 */
class SweptPartsRivalTest {
  private static final long OBJECT_CLASS = 0x100;
  private static final long ENTRY_CLASS = 0x130;
  private static final long SITE_CLASS = 0x140;
  private static final long CONTEXT_CLASS = 0x150;
  private static final long TARGET_CLASS = 0x160;
  private static final long ARRAY_CLASS = 0x170;
  private static final long HOLDER_CLASS = 0x180;

  /** More old entries than {@link MatchSide#POPULAR}: the head they all hold is popular. */
  private static final int OLD_ENTRIES = MatchSide.POPULAR + 6;

  @TempDir Path dir;

  /** A dump whose {@code Holder.HEAD} is {@code head} and {@code Holder.TARGETS} is {@code targets}. */
  private HeapGraph dump(String name, long head, long targets, Consumer<HprofWriter> objects) throws Exception {
    HprofWriter w = HprofWriter.inMemory(8);
    w.loadClass(OBJECT_CLASS, "java/lang/Object").classDump(OBJECT_CLASS).end();
    w.loadClass(ENTRY_CLASS, "com/example/Entry").classDump(ENTRY_CLASS).superclass(OBJECT_CLASS)
        .field("prev", OBJECT).field("next", OBJECT).field("list", OBJECT).field("referent", OBJECT)
        .field("action", OBJECT).end();
    w.loadClass(SITE_CLASS, "com/example/Site").classDump(SITE_CLASS).superclass(OBJECT_CLASS)
        .field("target", OBJECT).field("context", OBJECT).end();
    w.loadClass(CONTEXT_CLASS, "com/example/Context").classDump(CONTEXT_CLASS).superclass(OBJECT_CLASS)
        .field("value", INT).end();
    w.loadClass(TARGET_CLASS, "com/example/Target").classDump(TARGET_CLASS).superclass(OBJECT_CLASS)
        .field("value", INT).end();
    w.loadClass(ARRAY_CLASS, "[Ljava/lang/Object;").classDump(ARRAY_CLASS).superclass(OBJECT_CLASS).end();
    w.loadClass(HOLDER_CLASS, "com/example/Holder").classDump(HOLDER_CLASS).superclass(OBJECT_CLASS)
        .staticField("HEAD", OBJECT, head).staticField("TARGETS", OBJECT, targets).end();
    w.rootStickyClasses(OBJECT_CLASS, ENTRY_CLASS, SITE_CLASS, CONTEXT_CLASS, TARGET_CLASS, ARRAY_CLASS, HOLDER_CLASS);
    objects.accept(w);
    Path file = dir.resolve(name + ".hprof");
    Files.write(file, w.finish().bytes());
    return HeapGraph.open(file);
  }

  /**
   * Entry {@code e} of the list headed by {@code head}, between {@code prev} and {@code next}, with its
   * site at {@code e + 1}, the site's context at {@code e + 2} and its target {@code target}.
   */
  private static void entry(HprofWriter w, long e, long head, long prev, long next, long target) {
    w.instance(e, ENTRY_CLASS, prev, next, head, e + 1, e + 2)
        .instance(e + 1, SITE_CLASS, target, e + 2)
        .instance(e + 2, CONTEXT_CLASS, 0);
  }

  @Test
  void aNewEntryInTheOldFirstEntrysPlaceIsNotPairedWithIt() throws Exception {
    // Before: head -> E0 -> ... -> E69, their targets (equal contents) also in an array; the head is
    // held by every entry (more than MatchSide.POPULAR), so it proposes no candidates.
    // After: head -> N1 -> N2 -> E0 -> ... -> E69; the new entries' targets are new, of equal contents.
    long head = 0x1000;
    long array = 0x3000;
    long[] e = new long[OLD_ENTRIES];
    long[] t = new long[OLD_ENTRIES];
    for (int i = 0; i < OLD_ENTRIES; i++) {
      e[i] = 0x10000 + 0x10L * i;
      t[i] = 0x20000 + 0x10L * i;
    }
    long n1 = 0x50000;
    long n2 = 0x50010;
    try (HeapGraph before = dump("before", head, array, w -> {
      w.instance(head, ENTRY_CLASS, 0L, e[0], head, 0L, 0L);
      entries(w, head, head, e, t);
      w.objectArray(array, ARRAY_CLASS, t);
    });
        HeapGraph after = dump("after", head, array, w -> {
          w.instance(head, ENTRY_CLASS, 0L, n1, head, 0L, 0L);
          entry(w, n1, head, head, n2, 0x60000);
          entry(w, n2, head, n1, e[0], 0x60010);
          w.instance(0x60000, TARGET_CLASS, 5).instance(0x60010, TARGET_CLASS, 5);
          entries(w, head, n2, e, t);
          w.objectArray(array, ARRAY_CLASS, t);
        })) {
      Matching m = Matching.whole(after, Analysis.of(after).live(), before, Analysis.of(before).live());
      for (int i = 0; i < OLD_ENTRIES; i++) {
        for (long id : new long[] {e[i], e[i] + 1, e[i] + 2, t[i]}) {
          assertThat(before.id(m.partner(after, after.indexOf(id)))).as("partner of 0x%x", id).isEqualTo(id);
        }
      }
      for (long id : new long[] {n1, n1 + 1, n1 + 2, n2, n2 + 1, n2 + 2, 0x60000, 0x60010}) {
        assertThat(m.partner(after, after.indexOf(id))).as("partner of new 0x%x", id).isEqualTo(-1);
      }
    }
  }

  /** The entries {@code e} after {@code first}, in order, with the targets {@code t} (value 5). */
  private static void entries(HprofWriter w, long head, long first, long[] e, long[] t) {
    for (int i = 0; i < e.length; i++) {
      entry(w, e[i], head, i == 0 ? first : e[i - 1], i == e.length - 1 ? 0L : e[i + 1], t[i]);
      w.instance(t[i], TARGET_CLASS, 5);
    }
  }
}
