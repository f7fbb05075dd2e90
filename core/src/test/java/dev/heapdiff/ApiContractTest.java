package dev.heapdiff;

import static dev.heapdiff.testdata.BasicType.INT;
import static dev.heapdiff.testdata.BasicType.OBJECT;
import static dev.heapdiff.testdata.SyntheticClasses.NODE_CLASS;
import static dev.heapdiff.testdata.SyntheticClasses.OBJECT_CLASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heapdiff.testdata.HprofWriter;
import dev.heapdiff.testdata.SyntheticClasses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the API says where it is used wrongly, found by a QA pass in jshell: a closed snapshot and
 * its sets print as closed (jshell prints every value; they threw or printed nothing), an interface
 * is refused by name (a dump records no interfaces: the set was silently empty), and null arguments
 * are named.
 */
class ApiContractTest {
  @TempDir Path dir;

  private static final long HOLDER_CLASS = 0x150;

  /** Two nodes, the first a root, and a class {@code com.example.Holder} whose {@code FIRST} holds it. */
  private Snapshot twoNodes() throws Exception {
    HprofWriter w = HprofWriter.inMemory(8);
    SyntheticClasses.write(w);
    w.loadClass(HOLDER_CLASS, "com/example/Holder").classDump(HOLDER_CLASS).superclass(OBJECT_CLASS)
        .staticField("FIRST", OBJECT, 0x1000L).staticField("COUNT", INT, 2).end();
    w.rootStickyClass(OBJECT_CLASS).rootStickyClass(NODE_CLASS).rootStickyClass(HOLDER_CLASS);
    w.instance(0x1000, NODE_CLASS, 0x1010L, 1).instance(0x1010, NODE_CLASS, 0L, 2).rootUnknown(0x1000);
    Path file = dir.resolve("nodes.hprof");
    Files.write(file, w.finish().bytes());
    return Heap.load(file);
  }

  @Test
  void aClosedSnapshotItsSetsAndObjectsPrintAsClosed() throws Exception {
    Snapshot snap = twoNodes();
    ObjectSet nodes = snap.ofClass("com.example.Node");
    HeapObject first = nodes.filter(o -> o.field("value").equals(Optional.of(1))).theOne();
    assertThat(nodes.count()).isEqualTo(2);
    assertThat(snap.isClosed()).isFalse();

    snap.close();

    assertThat(snap.isClosed()).isTrue();
    assertThat(snap.toString()).startsWith("Snapshot nodes.hprof").endsWith(", closed").doesNotContain("reads it");
    assertThat(nodes.toString()).isEqualTo("a set of closed snapshot nodes.hprof");
    assertThat(first.toString()).isEqualTo("an object of closed snapshot nodes.hprof");
    assertThatThrownBy(nodes::byClass).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void aClassObjectsFieldsAreItsStaticFields() throws Exception {
    try (Snapshot snap = twoNodes()) {
      HeapObject holder = snap.ofClass("java.lang.Class").filter(c -> c.toString().equals("class com.example.Holder"))
          .theOne();
      HeapObject first = snap.ofClass("com.example.Node").filter(o -> o.field("value").equals(Optional.of(1)))
          .theOne();
      assertThat(holder.field("FIRST")).hasValue(first);
      assertThat(holder.field("COUNT")).hasValue(2);
      assertThat(holder.field("missing")).isEmpty();
      assertThat(holder.fields()).containsOnlyKeys("FIRST", "COUNT");
      assertThat(first.fields()).containsOnlyKeys("next", "value");
    }
  }

  @Test
  void anInterfaceIsRefusedByNameInsteadOfFindingNothing() throws Exception {
    try (Snapshot snap = twoNodes()) {
      assertThatThrownBy(() -> snap.ofClass(Map.class)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("java.util.Map is an interface");
      assertThat(snap.ofClass(Object.class).count()).isZero(); // a class: found by name, none here
    }
  }

  @Test
  void nullArgumentsAreNamed() throws Exception {
    try (Snapshot snap = twoNodes()) {
      assertThatThrownBy(() -> snap.ofClass((String) null)).isInstanceOf(NullPointerException.class)
          .hasMessage("className");
      assertThatThrownBy(() -> snap.ofClass((Class<?>) null)).isInstanceOf(NullPointerException.class)
          .hasMessage("type");
      assertThatThrownBy(() -> snap.filter(null)).isInstanceOf(NullPointerException.class).hasMessage("predicate");
      assertThatThrownBy(() -> snap.minus(null)).isInstanceOf(NullPointerException.class).hasMessage("other");
      assertThatThrownBy(() -> SnapshotOptions.defaults().directory(null)).isInstanceOf(NullPointerException.class)
          .hasMessage("dir");
    }
  }
}
