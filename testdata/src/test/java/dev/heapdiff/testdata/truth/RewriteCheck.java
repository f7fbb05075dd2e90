package dev.heapdiff.testdata.truth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/** Checks a rewritten dump against its original with the walker's own index, record by record. */
final class RewriteCheck {
  private RewriteCheck() {}

  /**
   * Every live object of the original is in the rewritten dump under its new id, with the same kind,
   * class, bytes outside id slots, and references mapped one to one; nothing else is there; the
   * roots are the same, mapped.
   */
  static void assertSameStructure(Path original, RewrittenDump rewritten) throws IOException {
    HeapIndex before = HeapIndex.read(original);
    HeapIndex after = HeapIndex.read(rewritten.file());
    IdMap map = rewritten.ids();
    BitSet live = before.live();
    assertThat(after.objectCount()).as("objects in the rewritten dump").isEqualTo(live.cardinality());
    assertThat(map.size()).isEqualTo(live.cardinality());
    assertThat(after.live().cardinality()).as("a root reaches every object of the rewritten dump")
        .isEqualTo(after.objectCount());
    for (int i = live.nextSetBit(0); i >= 0; i = live.nextSetBit(i + 1)) {
      long oldId = before.ids[i];
      long newId = map.newId(oldId);
      assertThat(newId).as("new id of 0x%x", oldId).isNotEqualTo(-1L).isNotEqualTo(oldId);
      int j = after.indexOf(newId);
      assertThat(j).as("object 0x%x (was 0x%x) in the rewritten dump", newId, oldId).isNotNegative();
      assertThat(after.tag(j)).isEqualTo(before.tag(i));
      assertThat(after.className(j)).isEqualTo(before.className(i));
      assertThat(maskedBytes(after, after.positions[j])).as("bytes of 0x%x outside id slots", oldId)
          .isEqualTo(maskedBytes(before, before.positions[i]));
      assertThat(mappedSlots(after, after.positions[j], null))
          .as("references of 0x%x, mapped", oldId).isEqualTo(mappedSlots(before, before.positions[i], map));
    }
    List<List<Long>> rootsBefore = new ArrayList<>();
    for (long p : before.rootPositions) {
      rootsBefore.add(List.of((long) before.in.u1(p), mappedSlots(before, p, map).get(0)));
    }
    List<List<Long>> rootsAfter = new ArrayList<>();
    for (long p : after.rootPositions) {
      rootsAfter.add(List.of((long) after.in.u1(p), mappedSlots(after, p, null).get(0)));
    }
    assertThat(rootsAfter).containsExactlyInAnyOrderElementsOf(rootsBefore);
  }

  /** The record's bytes with every id slot zeroed. */
  static byte[] maskedBytes(HeapIndex index, long p) throws IOException {
    byte[] bytes = new byte[(int) (SubRecords.end(index.in, p) - p)];
    index.in.copy(p, bytes, 0, bytes.length);
    SubRecords.slots(index.in, p, index, (offset, role) -> Arrays.fill(bytes, (int) (offset - p),
        (int) (offset - p) + index.in.idSize, (byte) 0));
    return bytes;
  }

  /**
   * The values of the record's id slots other than its own id, mapped through {@code map} if given;
   * an id that names no object (dangling) becomes -2 so that fresh ids compare equal.
   */
  static List<Long> mappedSlots(HeapIndex index, long p, IdMap map) throws IOException {
    List<Long> out = new ArrayList<>();
    SubRecords.slots(index.in, p, index, (offset, role) -> {
      if (role != SubRecords.Role.SELF) {
        long id = index.in.id(offset);
        long value = id == 0 ? 0 : index.indexOf(id) < 0 ? -2 : map == null ? id : map.newId(id);
        out.add(value);
      }
    });
    return out;
  }
}
