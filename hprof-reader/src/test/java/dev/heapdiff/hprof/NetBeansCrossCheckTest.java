package dev.heapdiff.hprof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.testdata.ChildJvm;
import dev.heapdiff.testdata.workload.Population;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netbeans.lib.profiler.heap.GCRoot;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.JavaClass;
import org.netbeans.lib.profiler.heap.ObjectArrayInstance;
import org.netbeans.lib.profiler.heap.ObjectFieldValue;

/**
 * Object counts, references and GC roots against an independent reader, the NetBeans profiler heap
 * library, on the same dump of a real JVM.
 */
class NetBeansCrossCheckTest {
  @TempDir static Path dir;
  static Path dump;

  @BeforeAll
  static void dump() throws Exception {
    ChildJvm.current().with("-XX:+UseSerialGC").run(Population.class, 120, dir.toString(), "pop", "1");
    dump = dir.resolve("pop.hprof");
  }

  @Test
  void objectCountsPerClassAgree() throws Exception {
    Heap netbeans = HeapFactory.createHeap(dump.toFile());
    Map<String, Long> theirs = new TreeMap<>();
    for (Object o : netbeans.getAllClasses()) {
      JavaClass c = (JavaClass) o;
      if (c.getInstancesCount() > 0) {
        // NetBeans keeps HotSpot's internal "+0x" of hidden classes; we print "/0x" as the JVM does.
        theirs.merge(c.getName().replace("+0x", "/0x"), (long) c.getInstancesCount(), Long::sum);
      }
    }
    try (HeapGraph graph = HeapGraph.open(dump)) {
      Map<String, Long> ours = new TreeMap<>();
      for (int i = 0; i < graph.objectCount(); i++) {
        if (graph.kind(i) != ObjectKind.CLASS) { // NetBeans does not count class objects as instances
          ours.merge(graph.classOf(i).name(), 1L, Long::sum);
        }
      }
      Map<String, String> differences = new TreeMap<>();
      Set<String> names = new HashSet<>(ours.keySet());
      names.addAll(theirs.keySet());
      for (String name : names) {
        if (!ours.getOrDefault(name, 0L).equals(theirs.getOrDefault(name, 0L))) {
          differences.put(name, "ours " + ours.get(name) + ", NetBeans " + theirs.get(name));
        }
      }
      assertThat(differences).isEmpty();
      assertThat(ours).hasSizeGreaterThan(500);
      assertThat(graph.classes().stream().filter(c -> c.objectIndex() >= 0).count())
          .isEqualTo(netbeans.getAllClasses().size());
    }
  }

  @Test
  void outgoingReferencesAgree() throws Exception {
    Heap netbeans = HeapFactory.createHeap(dump.toFile());
    try (HeapGraph graph = HeapGraph.open(dump)) {
      int checked = 0;
      List<String> mismatches = new ArrayList<>();
      for (int i = 0; i < graph.objectCount(); i += 5) {
        ObjectKind kind = graph.kind(i);
        if (kind == ObjectKind.CLASS || kind == ObjectKind.PRIMITIVE_ARRAY) {
          continue;
        }
        Instance instance = netbeans.getInstanceByID(graph.id(i));
        assertThat(instance).as("NetBeans finds object 0x%x", graph.id(i)).isNotNull();
        long[] theirs = targets(instance);
        long[] ours = Arrays.stream(graph.references(i)).mapToLong(graph::id).sorted().toArray();
        if (!Arrays.equals(ours, theirs)) {
          mismatches.add(graph.classOf(i).name() + "@0x" + Long.toHexString(graph.id(i)) + ": ours "
              + Arrays.toString(ours) + ", NetBeans " + Arrays.toString(theirs));
        }
        checked++;
      }
      assertThat(checked).isGreaterThan(10_000);
      assertThat(mismatches).isEmpty();
    }
  }

  @Test
  void incomingReferencesAgree() throws Exception {
    Heap netbeans = HeapFactory.createHeap(dump.toFile());
    try (HeapGraph graph = HeapGraph.open(dump)) {
      int checked = 0;
      List<String> mismatches = new ArrayList<>();
      for (int i = 0; i < graph.objectCount(); i += 11) {
        if (graph.kind(i) == ObjectKind.CLASS) {
          continue; // NetBeans counts references to classes differently (from instances' class pointers)
        }
        Instance instance = netbeans.getInstanceByID(graph.id(i));
        long[] theirs = ((List<?>) instance.getReferences()).stream()
            .map(v -> ((org.netbeans.lib.profiler.heap.Value) v).getDefiningInstance())
            .filter(d -> !(d.getJavaClass().getName().equals("java.lang.Class") && d.getInstanceId() != 0
                && netbeans.getJavaClassByID(d.getInstanceId()) != null))
            .mapToLong(Instance::getInstanceId).sorted().toArray();
        long[] ours = Arrays.stream(graph.referrers(i)).filter(r -> graph.kind(r) != ObjectKind.CLASS)
            .mapToLong(graph::id).sorted().toArray();
        if (!Arrays.equals(ours, theirs)) {
          mismatches.add(graph.classOf(i).name() + "@0x" + Long.toHexString(graph.id(i)) + ": ours "
              + Arrays.toString(ours) + ", NetBeans " + Arrays.toString(theirs));
        }
        checked++;
      }
      assertThat(checked).isGreaterThan(5_000);
      assertThat(mismatches).isEmpty();
    }
  }

  private static long[] targets(Instance instance) {
    List<Long> ids = new ArrayList<>();
    if (instance instanceof ObjectArrayInstance array) {
      for (Object element : array.getValues()) {
        if (element != null) {
          ids.add(((Instance) element).getInstanceId());
        }
      }
    } else {
      for (Object o : instance.getFieldValues()) {
        if (o instanceof ObjectFieldValue value && value.getInstance() != null) {
          ids.add(value.getInstance().getInstanceId());
        }
      }
    }
    return ids.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  @Test
  void gcRootsAgree() throws Exception {
    Heap netbeans = HeapFactory.createHeap(dump.toFile());
    Map<Long, Set<String>> theirs = new HashMap<>();
    for (Object o : netbeans.getGCRoots()) {
      GCRoot root = (GCRoot) o;
      theirs.computeIfAbsent(root.getInstance().getInstanceId(), k -> new HashSet<>()).add(kindName(root.getKind()));
    }
    try (HeapGraph graph = HeapGraph.open(dump)) {
      Map<Long, Set<String>> ours = new HashMap<>();
      for (GcRoot root : graph.roots()) {
        ours.computeIfAbsent(graph.id(root.object()), k -> new HashSet<>()).add(root.kind().name());
      }
      assertThat(ours.keySet()).isEqualTo(theirs.keySet());
      // NetBeans keeps one root per object; its kind must be one of ours.
      for (Map.Entry<Long, Set<String>> e : theirs.entrySet()) {
        assertThat(ours.get(e.getKey())).containsAnyElementsOf(e.getValue());
      }
      assertThat(ours).hasSizeGreaterThan(100);
    }
  }

  private static String kindName(String netbeansKind) {
    return switch (netbeansKind) {
      case GCRoot.JNI_GLOBAL -> "JNI_GLOBAL";
      case GCRoot.JNI_LOCAL -> "JNI_LOCAL";
      case GCRoot.JAVA_FRAME -> "JAVA_FRAME";
      case GCRoot.NATIVE_STACK -> "NATIVE_STACK";
      case GCRoot.STICKY_CLASS -> "STICKY_CLASS";
      case GCRoot.THREAD_BLOCK -> "THREAD_BLOCK";
      case GCRoot.MONITOR_USED -> "MONITOR_USED";
      case GCRoot.THREAD_OBJECT -> "THREAD_OBJECT";
      default -> "UNKNOWN";
    };
  }

}
