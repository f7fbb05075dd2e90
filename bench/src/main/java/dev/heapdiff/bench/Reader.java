package dev.heapdiff.bench;

import dev.heapdiff.hprof.HeapGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.JavaClass;
import shark.CloseableHeapGraph;
import shark.HprofHeapGraph;
import shark.HprofIndex;

/** The readers compared, each opening a dump into its own structure. */
enum Reader {
  BARE("bare pass (count)") {
    @Override
    Opened open(Path dump) throws IOException {
      return new Opened(null, BarePass.countObjects(dump));
    }
  },

  HEAPDIFF("heapdiff HeapGraph") {
    @Override
    Opened open(Path dump) throws IOException {
      // The full graph: ids, classes, shallow sizes, outgoing references, reachability.
      HeapGraph graph = HeapGraph.open(dump);
      if (graph.reachableCount() <= 0) {
        throw new IllegalStateException("no reachable objects in " + graph);
      }
      return new Opened(graph, graph.objectCount());
    }
  },

  SHARK("shark HprofIndex") {
    @Override
    Opened open(Path dump) {
      // Shark's index only: no graph traversal. Finding a class by name proves it is usable.
      CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(
          dump.toFile(), null, HprofIndex.Companion.defaultIndexedGcRootTags());
      if (graph.findClassByName("java.lang.String") == null) {
        throw new IllegalStateException("Shark's index has no java.lang.String");
      }
      return new Opened(graph, graph.getObjectCount());
    }
  },

  NETBEANS("netbeans histogram") {
    @Override
    Opened open(Path dump) throws IOException {
      // What the design document measured: the heap, then every class's count and shallow size.
      Heap heap = HeapFactory.createHeap(dump.toFile());
      long instances = 0;
      long bytes = 0;
      for (JavaClass type : classes(heap)) {
        instances += type.getInstancesCount();
        bytes += type.getAllInstancesSize();
      }
      if (bytes <= 0) {
        throw new IllegalStateException("NetBeans found no instance bytes");
      }
      return new Opened(heap, instances);
    }

    @SuppressWarnings("unchecked")
    private List<JavaClass> classes(Heap heap) {
      return heap.getAllClasses();
    }
  };

  /** What a reader built, kept reachable while its heap is measured, and its object count. */
  record Opened(Object structure, long objects) {}

  final String label;

  Reader(String label) {
    this.label = label;
  }

  abstract Opened open(Path dump) throws IOException;
}
