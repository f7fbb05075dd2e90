package dev.heapdiff;

import static org.assertj.core.api.Assertions.assertThat;

import example.app.Cache;
import example.app.Fixtures;
import example.app.Marker;
import example.app.Order;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * byReferrers, byVia and paths from roots on a snapshot of this JVM, for objects built by
 * {@link Fixtures} with known referrers, fields and paths.
 */
class PathsInProcessTest {
  static Snapshot snap;

  @BeforeAll
  static void takeSnapshot() throws Exception {
    Fixtures.build();
    Fixtures.startHolding();
    try {
      snap = Heap.snapshot();
      snap.count(); // read it while the holder thread is known to be waiting
    } finally {
      Fixtures.stopHolding();
    }
  }

  @AfterAll
  static void close() throws Exception {
    snap.close();
  }

  static HeapObject marker(String label) {
    return snap.ofClass(Marker.class)
        .filter(m -> ((HeapObject) m.field("label").orElseThrow()).stringValue().orElseThrow().equals(label))
        .theOne();
  }

  /** The bucket HashMap puts a key in, computed as HashMap.hash() does. */
  static int bucket(String key, int tableLength) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (tableLength - 1);
  }

  @Test
  void valuesOfAStaticHashMapAreHeldViaNodeValues() {
    ObjectSet orders = snap.ofClass(Order.class);
    assertThat(orders.count()).isEqualTo(Cache.KEYS.length);
    assertThat(orders.byVia().kinds()).containsExactly(".value");
    assertThat(orders.byReferrers().kinds()).containsExactly("java.util.HashMap$Node");
    assertThat(orders.byReferrers().header()).isEqualTo("Referrers by class");
    assertThat(orders.byVia().toString()).contains(" Referred via\n").endsWith(" .value");
  }

  @Test
  void aPathFromAStaticCacheNamesTheFieldsAndTheBucket() {
    ObjectSet orders = snap.ofClass(Order.class);
    assertThat(List.of(Cache.KEYS).stream().map(k -> bucket(k, 16)).distinct().count())
        .as("the keys' buckets differ (else one value is a .next further away)").isEqualTo(Cache.KEYS.length);
    ShortestPaths all = orders.pathsFromRoots();
    assertThat(all.count()).isEqualTo(Cache.KEYS.length);
    assertThat(all.length()).isEqualTo(5); // Cache, HashMap, Node[], Node, Order
    assertThat(all.targets()).isEqualTo(orders);
    for (HeapObject order : orders.stream().toList()) {
      String key = ((HeapObject) order.field("key").orElseThrow()).stringValue().orElseThrow();
      ShortestPaths paths = order.pathsFromRoots();
      assertThat(paths.count()).isEqualTo(1);
      RootPath path = paths.get(0);
      int tableLength = path.objects().get(2).length();
      assertThat(tableLength).isEqualTo(16); // three entries in a default HashMap
      assertThat(path.toString()).isEqualTo("Root(static) example.app.Cache.INSTANCE .map .table["
          + bucket(key, tableLength) + "] .value -> example.app.Order@0x" + Long.toHexString(order.id()));
      assertThat(path.steps()).containsExactly(".map", ".table", "[" + bucket(key, tableLength) + "]", ".value");
      assertThat(path.objects().get(0).className()).isEqualTo(Cache.class.getName());
      assertThat(path.target()).isEqualTo(order);
    }
  }

  @Test
  void anObjectHeldByTwoFieldsOfOneHolderHasTwoPaths() {
    HeapObject held = marker("twice");
    ShortestPaths paths = held.pathsFromRoots();
    assertThat(paths.count()).isEqualTo(2);
    String target = " -> example.app.Marker@0x" + Long.toHexString(held.id());
    // Paths follow the order of the fields in the dump, which is HotSpot's field layout order.
    assertThat(paths.toString().lines().map(l -> l.substring(4)))
        .containsExactlyInAnyOrder("Root(static) example.app.Fixtures.twice .left" + target,
            "Root(static) example.app.Fixtures.twice .right" + target);
    assertThat(paths.toString()).startsWith(" 0: Root(static) ").contains("\n 1: Root(static) ");
    assertThat(held.asSet().byVia().kinds()).containsExactly(".left, .right");
    assertThat(held.referrers().byClass().kinds()).containsExactly("example.app.Pair");
  }

  @Test
  void theBottomOfADiamondHasTwoPaths() {
    ShortestPaths paths = marker("diamond").pathsFromRoots();
    assertThat(paths.count()).isEqualTo(2);
    assertThat(paths.length()).isEqualTo(3);
    assertThat(List.of(paths.get(0).steps(), paths.get(1).steps()))
        .containsExactlyInAnyOrder(List.of(".left", ".left"), List.of(".right", ".right"));
  }

  @Test
  void aChainOfAMillionLinksHasOnePathOfAMillionAndOneObjects() {
    HeapObject end = marker("end of chain");
    ShortestPaths paths = end.pathsFromRoots();
    assertThat(paths.count()).isEqualTo(1);
    RootPath path = paths.get(0);
    assertThat(path.length()).isEqualTo(Fixtures.CHAIN_LINKS + 1);
    assertThat(path.root()).isEqualTo("Root(static) example.app.Fixtures.chain");
    assertThat(path.steps()).hasSize(Fixtures.CHAIN_LINKS);
    assertThat(path.steps().subList(0, Fixtures.CHAIN_LINKS - 1)).containsOnly(".next");
    assertThat(path.steps().get(Fixtures.CHAIN_LINKS - 1)).isEqualTo(".value");
    assertThat(path.toString()).startsWith("Root(static) example.app.Fixtures.chain .next .next")
        .contains(" ...<999,950 more steps>... ").endsWith(".next .value -> example.app.Marker@0x"
            + Long.toHexString(end.id()));
  }

  @Test
  void anObjectHeldOnlyBySoftReferenceIsLiveButHasNoPath() {
    HeapObject softly = marker("softly"); // a soft reference is not cleared by the dump's GC
    ShortestPaths paths = softly.pathsFromRoots();
    assertThat(paths.isEmpty()).isTrue();
    assertThat(paths.count()).isZero();
    assertThat(paths.toString()).isEqualTo("<no paths from GC roots>");
    assertThat(softly.asSet().byVia().kinds()).containsExactly(".referent");
    assertThat(softly.asSet().byReferrers().kinds()).containsExactly("java.lang.ref.SoftReference");
  }

  @Test
  void anObjectHeldByALocalVariableHasAPathFromItsFrame() {
    HeapObject local = marker("held by a local variable");
    ShortestPaths paths = local.pathsFromRoots();
    assertThat(paths.count()).isPositive();
    assertThat(paths.length()).isEqualTo(1);
    assertThat(paths.get(0).root()).startsWith("Root(local in \"" + Fixtures.HOLDER_THREAD
        + "\" at example.app.Fixtures.hold(Fixtures.java:");
    assertThat(local.asSet().byVia().kinds()).containsExactly("root: Java frame");
    assertThat(local.asSet().byReferrers().kinds()).containsExactly("<none: held by a GC root only>");
  }

  @Test
  void classObjectsReferringThroughStaticsAreNamedAsClasses() {
    ObjectSet pairs = snap.ofClass(example.app.Pair.class);
    assertThat(pairs.byReferrers().kinds()).contains("class example.app.Fixtures", "example.app.Pair");
    assertThat(pairs.byVia().kinds()).contains("static example.app.Fixtures.twice",
        "static example.app.Fixtures.diamond", ".left", ".right");
    ObjectSet threads = snap.ofClass("java.lang.Thread", true).filter(t -> t.field("name")
        .map(n -> ((HeapObject) n).stringValue().orElse("")).orElse("").equals("main"));
    assertThat(threads.pathsFromRoots().get(0).root()).isEqualTo("Root(thread \"main\")");
  }

  @Test
  void theReferencePatternOfTheCachesValuesClimbsTheMap() {
    ReferencePattern rp = snap.ofClass(Order.class).referencePattern();
    List<String> lines = rp.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("Reference Pattern by <class>.");
    assertThat(lines.get(1)).startsWith(" 0: _ --- [-] 3 example.app.Order, ");
    assertThat(lines.get(2)).startsWith(" 1: a      [-] 3 java.util.HashMap$Node, ");
    assertThat(lines.get(3)).startsWith(" 2: aa ---- [-] 1 java.util.HashMap$Node[], ");
    assertThat(lines.get(4)).startsWith(" 3: a3       [-] 1 java.util.HashMap, ");
    assertThat(lines.get(5)).startsWith(" 4: a4 ------ [-] 1 example.app.Cache, ");
    assertThat(lines.get(6)).startsWith(" 5: a5         [S] 1 java.lang.Class, ");
    assertThat(rp.get("a3").theOne().className()).isEqualTo("java.util.HashMap");
    assertThat(rp.get("a").referents().and(rp.get("_"))).isEqualTo(rp.get("_"));
  }
}
