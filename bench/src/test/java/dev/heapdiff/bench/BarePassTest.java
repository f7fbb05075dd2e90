package dev.heapdiff.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.heapdiff.hprof.HeapGraph;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarePassTest {
  @Test
  void countsTheObjectsTheReaderFinds(@TempDir Path dir) throws Exception {
    Path dump = dir.resolve("self.hprof");
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);

    long counted = BarePass.countObjects(dump);

    try (HeapGraph graph = HeapGraph.open(dump)) {
      assertThat(counted).as("objects counted by the bare pass").isEqualTo(graph.objectCount());
    }
  }
}
