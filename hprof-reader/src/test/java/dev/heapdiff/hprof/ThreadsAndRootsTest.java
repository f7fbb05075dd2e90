package dev.heapdiff.hprof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heapdiff.testdata.ChildJvm;
import dev.heapdiff.testdata.workload.HeldByThread;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threads, their stacks and the GC roots they hold, on a dump of a thread the test started. */
class ThreadsAndRootsTest {
  @TempDir Path dir;

  @Test
  void aLocalVariableIsAJavaFrameRootOfItsThreadAtTheRightFrame() throws Exception {
    ChildJvm.current().run(HeldByThread.class, 60, dir.toString(), "held");
    try (HeapGraph graph = HeapGraph.open(dir.resolve("held.hprof"))) {
      HeapThread holder = graph.threads().stream().filter(t -> t.name().equals("heapdiff-holder"))
          .findFirst().orElseThrow();
      assertThat(holder.object()).isNotNegative();
      assertThat(graph.classOf(holder.object()).name()).isEqualTo("java.lang.Thread");
      assertThat(holder.frames()).anySatisfy(frame -> {
        assertThat(frame.className()).isEqualTo(HeldByThread.class.getName());
        assertThat(frame.method()).isEqualTo("holdAndWait");
        assertThat(frame.sourceFile()).isEqualTo("HeldByThread.java");
        assertThat(frame.line()).isPositive();
      });

      HeapClass markerClass = graph.findClass("dev.heapdiff.testdata.workload.Marker").orElseThrow();
      List<Integer> markers = new java.util.ArrayList<>();
      for (int i = 0; i < graph.objectCount(); i++) {
        if (graph.classIndexOf(i) == markerClass.index()) {
          markers.add(i);
        }
      }
      assertThat(markers).hasSize(1);
      int marker = markers.get(0);
      assertThat(graph.isReachable(marker)).isTrue();
      List<GcRoot> roots = graph.roots().stream().filter(r -> r.object() == marker).toList();
      assertThat(roots).isNotEmpty().allSatisfy(root -> {
        assertThat(root.kind()).isEqualTo(RootKind.JAVA_FRAME);
        assertThat(root.threadSerial()).isEqualTo(holder.serial());
        StackFrame frame = holder.frames().get(root.frame());
        assertThat(frame.method()).isEqualTo("holdAndWait");
      });
      assertThat(graph.stringValue(graph.field(marker, "label").map(f -> graph.indexOf((Long) f.value()))
          .orElseThrow())).contains("held by a local variable");
      assertThat(holder.toString()).contains("\"heapdiff-holder\"").contains("holdAndWait(HeldByThread.java:");
    }
  }
}
