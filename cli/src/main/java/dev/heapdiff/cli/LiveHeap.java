package dev.heapdiff.cli;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.report.Partition;
import dev.heapdiff.report.PartitionRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The live (reachable) objects of a heap graph, as the tables and lists the commands print. */
final class LiveHeap {
  /** The kind column's header when objects are grouped by class. */
  static final String CLASS_HEADER = "Class";

  private LiveHeap() {}

  /**
   * Returns the live objects partitioned by class name. Classes of the same name from different
   * loaders share a row, as a table shows them by name only.
   */
  static Partition byClass(HeapGraph graph) {
    int classes = graph.classes().size();
    long[] counts = new long[classes];
    long[] sizes = new long[classes];
    for (int i = 0; i < graph.objectCount(); i++) {
      if (graph.isReachable(i)) {
        int c = graph.classIndexOf(i);
        counts[c]++;
        sizes[c] += graph.shallowSize(i);
      }
    }
    Map<String, long[]> byName = new LinkedHashMap<>();
    for (int c = 0; c < classes; c++) {
      if (counts[c] > 0) {
        long[] row = byName.computeIfAbsent(graph.classes().get(c).name(), k -> new long[2]);
        row[0] += counts[c];
        row[1] += sizes[c];
      }
    }
    List<PartitionRow> rows = new ArrayList<>(byName.size());
    byName.forEach((name, row) -> rows.add(new PartitionRow(row[0], row[1], name)));
    return Partition.of(CLASS_HEADER, rows);
  }
}
