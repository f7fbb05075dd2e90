package dev.heapdiff.hprof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.heapdiff.testdata.HprofWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A dump cut anywhere (a copy that stopped early, a disk that filled up) fails with an
 * {@link HprofFormatException} that names the file and an offset inside it: at every record
 * boundary, inside every record, and inside every heap dump sub-record, both where the segment's
 * length still points past the cut and where it was rewritten to end at the cut.
 */
class TruncatedDumpTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(ints = {4, 8})
  void aDumpCutAtAnyRecordBoundaryOrInsideARecordIsReported(int idSize) throws Exception {
    HprofWriter w = SyntheticDumps.small(idSize);
    byte[] dump = w.bytes();
    long[] records = w.recordOffsets();
    TreeSet<Long> cuts = new TreeSet<>();
    for (long offset = 0; offset <= records[0]; offset++) {
      cuts.add(offset); // every byte of the header
    }
    for (int r = 0; r < records.length; r++) {
      long start = records[r];
      long end = r + 1 < records.length ? records[r + 1] : dump.length;
      for (long cut : new long[] {start, start + 1, start + 5, start + 8, start + 9, (start + 9 + end) / 2, end - 1}) {
        if (cut >= start && cut < end) {
          cuts.add(cut);
        }
      }
    }
    assertThat(cuts).hasSizeGreaterThan(3 * records.length);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (long cut : cuts) {
        expectFormatError(Arrays.copyOf(dump, (int) cut), "cut at byte " + cut + " of " + dump.length);
      }
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 8})
  void aSubRecordCutInsideItsSegmentIsReported(int idSize) throws Exception {
    HprofWriter w = SyntheticDumps.small(idSize);
    byte[] dump = w.bytes();
    long[] records = w.recordOffsets();
    long[] subs = w.subRecordOffsets();
    assertThat(subs).hasSizeGreaterThan(20);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int s = 0; s < subs.length; s++) {
        long start = subs[s];
        long segment = segmentOf(records, start);
        long segmentEnd = segment + 9 + (ByteBuffer.wrap(dump).getInt((int) segment + 5) & 0xFFFF_FFFFL);
        long end = s + 1 < subs.length && subs[s + 1] < segmentEnd ? subs[s + 1] : segmentEnd;
        for (long cut : new TreeSet<>(java.util.List.of(start + 1, (start + end) / 2, end - 1))) {
          if (cut <= start || cut >= end) {
            continue;
          }
          String what = "sub-record at byte " + start + " (tag 0x" + Integer.toHexString(dump[(int) start] & 0xFF)
              + ") cut at byte " + cut;
          expectFormatError(Arrays.copyOf(dump, (int) cut), what);
          byte[] shortened = Arrays.copyOf(dump, (int) cut);
          ByteBuffer.wrap(shortened).putInt((int) segment + 5, (int) (cut - segment - 9));
          expectFormatError(shortened, what + ", its segment shortened to match");
        }
      }
    });
  }

  private static long segmentOf(long[] records, long subRecord) {
    long segment = -1;
    for (long r : records) {
      if (r < subRecord) {
        segment = r;
      }
    }
    return segment;
  }

  private void expectFormatError(byte[] dump, String what) throws Exception {
    Path file = dir.resolve("cut.hprof");
    Files.write(file, dump);
    try (HeapGraph g = HeapGraph.open(file)) {
      throw new AssertionError(what + ": expected an HprofFormatException, but the dump was read: " + g);
    } catch (HprofFormatException e) {
      assertThat(e.getMessage()).as(what).contains(file.toString()).contains("byte offset");
      assertThat(e.offset()).as(what + ": " + e.getMessage()).isBetween(0L, (long) dump.length);
    } catch (Exception | Error e) {
      if (e instanceof AssertionError) {
        throw e;
      }
      throw new AssertionError(what + ": expected an HprofFormatException, but got " + e, e);
    }
  }
}
