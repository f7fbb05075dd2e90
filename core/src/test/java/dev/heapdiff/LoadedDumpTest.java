package dev.heapdiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heapdiff.report.PartitionRow;
import dev.heapdiff.testdata.ChildJvm;
import dev.heapdiff.testdata.workload.Population;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partitions of a dump file from a child JVM whose population is known. */
class LoadedDumpTest {
  static final String WORKLOAD = "dev.heapdiff.testdata.workload.";

  @TempDir static Path dir;
  static Snapshot snap;

  @BeforeAll
  static void load() throws Exception {
    ChildJvm.current().run(Population.class, 120, dir.toString(), "pop", "1");
    snap = Heap.load(dir.resolve("pop.hprof"));
  }

  @AfterAll
  static void close() throws Exception {
    Path file = snap.file();
    snap.close();
    assertThat(file).as("a loaded file is the user's and stays").exists();
  }

  @Test
  void theWorkloadsObjectsAreCountedByClass() {
    Partition byClass = snap.byClass();
    assertThat(byClass.get(WORKLOAD + "Order").count()).isEqualTo(10_000);
    assertThat(byClass.get(WORKLOAD + "Item").count()).isEqualTo(10_000);
    assertThat(byClass.get(WORKLOAD + "DiscountedItem").count()).isEqualTo(5_000);
    assertThat(snap.ofClass(WORKLOAD + "Item", true).count()).isEqualTo(15_000);
    assertThat(byClass.get(WORKLOAD + "Order").size()).isEqualTo(10_000 * 40L); // 40 bytes on JDK 17 defaults
  }

  @Test
  void everyPartitionAccountsForEveryObjectOnce() {
    long count = snap.count();
    long size = snap.size();
    for (Partition p : List.of(snap.byClass(), snap.bySize(), snap.byPackage(), snap.byClassLoader())) {
      assertThat(p.count()).as(p.header()).isEqualTo(count);
      assertThat(p.size()).as(p.header()).isEqualTo(size);
      assertThat(p.rows().stream().mapToLong(PartitionRow::count).sum()).isEqualTo(count);
      // Rows are in heapy's order: size descending, then name.
      for (int r = 1; r < p.rowCount(); r++) {
        PartitionRow a = p.rows().get(r - 1);
        PartitionRow b = p.rows().get(r);
        int kinds = p.table().numericKinds() ? Long.compare(Long.parseLong(a.kind()), Long.parseLong(b.kind()))
            : a.kind().compareTo(b.kind());
        assertThat(a.size() > b.size() || a.size() == b.size() && kinds < 0).as("%s before %s", a, b).isTrue();
      }
      // Each row's set is exactly its objects; a few rows suffice (each get() is a pass over the set).
      for (int r : new int[] {0, 1, p.rowCount() / 2, p.rowCount() - 1}) {
        ObjectSet row = p.get(r);
        assertThat(row.count()).as("%s row %d", p.header(), r).isEqualTo(p.rows().get(r).count());
        assertThat(row.size()).isEqualTo(p.rows().get(r).size());
      }
    }
  }

  @Test
  void partitionsByPackageLoaderAndSizeNameWhatTheyGroup() {
    ObjectSet workload = snap.byPackage().get("dev.heapdiff.testdata.workload");
    assertThat(workload.count()).isEqualTo(10_000 + 10_000 + 5_000 + 1_000);
    assertThat(snap.byPackage().kinds()).contains("java.lang", "<primitive arrays>");
    assertThat(workload.byClassLoader().rowCount()).isEqualTo(1);
    assertThat(workload.byClassLoader().kinds().get(0)).contains("AppClassLoader@0x");
    assertThat(snap.ofClass("java.lang.String").byClassLoader().kinds()).containsExactly("<bootstrap>");
    Partition sizes = snap.ofClass(WORKLOAD + "Order").bySize();
    assertThat(sizes.kinds()).containsExactly("40"); // the text table aligns it, the label is the number
    assertThat(sizes.get("40").count()).isEqualTo(10_000);
    assertThat(sizes.toString()).endsWith(" 10000 100   400000 100    400000 100        40");
  }

  @Test
  void pagesShowTenRowsAtATime() {
    Partition byClass = snap.byClass();
    String first = byClass.toString();
    assertThat(first).startsWith("Partition of a set of " + snap.count() + " objects. Total size = "
        + snap.size() + " bytes.\n Index  Count   %     Size   % Cumulative  % Class\n");
    assertThat(first.lines().count()).isEqualTo(2 + 10 + 1);
    assertThat(first).endsWith("<" + (byClass.rowCount() - 10) + " more rows: .more() shows them.>");
    String second = byClass.more().toString();
    assertThat(second).startsWith(" Index  Count   %     Size   % Cumulative  % Class\n    10 ");
    // Long class names wrap onto continuation lines indented by 45 spaces.
    assertThat(byClass.all().toString().lines().filter(l -> !l.startsWith(" ".repeat(45))).count())
        .isEqualTo(2 + byClass.rowCount());
    assertThat(snap.ofClass(WORKLOAD + "Order").toString()).contains(" 10000 100   400000 100    400000 100 "
        + WORKLOAD + "Order");
  }

  @Test
  void heapObjectsOfTheDumpReadTheirFields() {
    HeapObject order = snap.ofClass(WORKLOAD + "Order").stream().findFirst().orElseThrow();
    HeapObject customer = (HeapObject) order.field("customer").orElseThrow();
    assertThat(customer.stringValue().orElseThrow()).startsWith("customer-0-");
    assertThat(order.field("quantity").orElseThrow()).isInstanceOf(Integer.class);
    assertThat(order.fields()).containsKeys("customer", "quantity", "price", "paid", "priority", "grade", "first");
    assertThat(order.representation()).startsWith(WORKLOAD + "Order@0x").contains("customer=\"customer-0-");
  }

  @Test
  void byIdListsOneObjectPerRowLargestFirst() {
    ObjectSet orders = snap.ofClass(WORKLOAD + "Order");
    ObjectListing listing = orders.byId();
    assertThat(listing.count()).isEqualTo(10_000);
    String text = listing.toString();
    assertThat(text).startsWith("Set of 10000 <" + WORKLOAD + "Order> objects. Total size = 400000 bytes.\n"
        + " Index     Size   %   Cumulative  %   Representation\n"
        + "     0       40   0.0        40   0.0 " + WORKLOAD + "Order@0x");
    assertThat(text).contains("\n     9       40   0.0       400   0.1 ")
        .endsWith("<9990 more rows: .more() shows them.>");
    assertThat(listing.more().toString()).startsWith(" Index     Size   %   Cumulative  %   Representation\n    10 ");
    assertThat(listing.get(3).count()).isEqualTo(1);
    assertThat(listing.get(3).theOne()).isEqualTo(listing.object(3));

    // A mixed set says so and names each object's class.
    ObjectSet mixed = orders.or(snap.ofClass(WORKLOAD + "Order[]"));
    String mixedText = mixed.byId().toString();
    assertThat(mixedText).startsWith("Set of 11000 <mixed> objects. Total size = " + mixed.size() + " bytes.\n"
        + " Index     Size   %   Cumulative  %   Brief\n");
    assertThat(mixedText).contains("   0.0 " + WORKLOAD + "Order:"); // the object wraps onto the next line

    // Larger objects come first.
    ObjectListing strings = snap.ofClass("java.lang.String").byId();
    for (int r = 1; r < 50; r++) {
      assertThat(strings.object(r - 1).shallowSize()).isGreaterThanOrEqualTo(strings.object(r).shallowSize());
    }
    assertThat(snap.ofClass("java.lang.String").filter(s -> s.stringValue().orElse("").equals("customer-0-7"))
        .byId().toString()).contains(" \"customer-0-7\"");
  }

  @Test
  void missingFilesAreNamed() {
    Path missing = dir.resolve("nope.hprof");
    assertThatThrownBy(() -> Heap.load(missing)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope.hprof");
  }

  @Test
  void aDirectoryOrAPipeIsRefusedWhenLoadedNotAtTheFirstAnalysis() throws Exception {
    assertThatThrownBy(() -> Heap.load(dir)).isInstanceOf(FileSystemException.class)
        .hasMessageContaining(dir.toString()).hasMessageContaining("directory");
    Path fifo = dir.resolve("pipe.hprof");
    Assumptions.assumeTrue(mkfifo(fifo), "mkfifo");
    assertThatThrownBy(() -> Heap.load(fifo)).isInstanceOf(FileSystemException.class)
        .hasMessageContaining(fifo.toString()).hasMessageContaining("not a regular file");
  }

  /** Makes a named pipe with the system's {@code mkfifo}; false where there is none (Windows). */
  private static boolean mkfifo(Path fifo) throws InterruptedException {
    try {
      return new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    } catch (java.io.IOException noMkfifo) {
      return false;
    }
  }
}
