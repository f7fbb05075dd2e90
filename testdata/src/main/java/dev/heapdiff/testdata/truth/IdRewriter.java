package dev.heapdiff.testdata.truth;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Copies a heap dump with new object ids, so that the ids say nothing about which object of one
 * dump is which object of another, and returns the map from old to new ids.
 *
 * <p>Every object id is rewritten consistently wherever it sits ({@code SubRecords} knows the
 * places): an object's own id, the class of an instance or array, fields, array elements, static
 * and constant-pool values, superclass, loader, signers and protection domain of a class, every GC
 * root, the class of a LOAD CLASS record and the thread of a START THREAD record. Names (UTF8 ids),
 * stack frame ids, serial numbers and the JNI handle address of a JNI global root stay as they are.
 *
 * <p>Objects that no GC root reaches are left out, as a collector would have freed them (dumps
 * taken under Epsilon hold every object ever allocated), with the LOAD CLASS records of classes
 * left out. The output is a HotSpot-style dump: the original's header and non-heap records in
 * their order, all heap sub-records in HEAP DUMP SEGMENTs where the first heap record was, then
 * HEAP DUMP END. Reads the input with a memory map (up to 2 GB), writes through a buffer.
 */
public final class IdRewriter {
  /** Where {@link IdForm#RANDOM} places objects: a compressed-oops heap's range, below 32 GB. */
  private static final long RANDOM_BASE = 0x7_0000_0000L;
  /** Where {@link IdForm#ORDER_PRESERVING} slides objects to: a heap mapped at 64 GB. */
  private static final long SLIDING_BASE = 0x10_0000_0000L;
  private static final long GB = 1L << 30;

  private final HeapIndex index;
  private final HprofInput in;
  private final BitSet live;
  private final IdForm form;
  private final SplittableRandom random;
  private IdMap map;
  private final Map<Long, Long> dangling = new HashMap<>();
  private long nextFresh;

  private IdRewriter(HeapIndex index, IdForm form, long seed) throws IOException {
    this.index = index;
    this.in = index.in;
    this.live = index.live();
    this.form = form;
    this.random = new SplittableRandom(seed);
  }

  /**
   * Writes {@code original} with new ids into {@code target}, and the id map beside it ({@code
   * target} + {@code .idmap}).
   *
   * @param seed the seed of the random ids and record order ({@link IdForm#RANDOM}); unused otherwise
   */
  public static RewrittenDump rewrite(Path original, Path target, IdForm form, long seed) throws IOException {
    IdRewriter rewriter = new IdRewriter(HeapIndex.read(original), form, seed);
    rewriter.map = form == IdForm.RANDOM ? rewriter.randomIds() : rewriter.slidingIds();
    rewriter.write(target);
    Path mapFile = target.resolveSibling(target.getFileName() + ".idmap");
    rewriter.map.write(mapFile);
    return new RewrittenDump(target, mapFile, form, rewriter.map, rewriter.index.objectCount() - rewriter.live.cardinality(),
        rewriter.dangling.size());
  }

  private IdMap randomIds() throws IOException {
    long[] old = index.liveIdsAscending();
    int n = old.length;
    long slots = 4L * n + 16;
    long base = baseAvoidingOriginal(RANDOM_BASE, 8 * (slots + 1) + GB);
    BitSet taken = new BitSet();
    long[] fresh = new long[n];
    for (int k = 0; k < n; ) {
      int slot = (int) random.nextLong(slots);
      if (!taken.get(slot)) {
        taken.set(slot);
        fresh[k++] = base + 8L * slot;
      }
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = fresh[i];
      fresh[i] = fresh[j];
      fresh[j] = t;
    }
    nextFresh = base + 8 * (slots + 1);
    return new IdMap(old, fresh);
  }

  /** Slides every live object down over the dead ones before it, as a compacting collector does. */
  private IdMap slidingIds() throws IOException {
    long[] old = index.liveIdsAscending();
    long[] fresh = new long[old.length];
    long[] sorted = index.sortedIds;
    long at = baseAvoidingOriginal(SLIDING_BASE, sorted.length == 0 ? GB : sorted[sorted.length - 1] - sorted[0] + 2 * GB);
    int k = 0;
    for (int r = 0; r < sorted.length; r++) {
      int object = index.objectAtRank[r];
      if (live.get(object)) {
        long bound = sizeBound(object);
        long size = r + 1 < sorted.length ? Math.min(sorted[r + 1] - sorted[r], bound) : bound;
        fresh[k++] = at;
        at += Math.max(8, (size + 7) & ~7L);
      }
    }
    nextFresh = at + 8;
    return new IdMap(old, fresh);
  }

  /**
   * Returns {@code preferred} if a range of {@code span} bytes there misses every original id, else
   * the first gigabyte boundary above them: no object keeps its id by chance.
   */
  private long baseAvoidingOriginal(long preferred, long span) {
    long[] sorted = index.sortedIds;
    if (sorted.length == 0 || preferred > sorted[sorted.length - 1] || preferred + span <= sorted[0]) {
      return preferred;
    }
    return (sorted[sorted.length - 1] / GB + 1) * GB;
  }

  /** An upper bound of an object's size in the JVM: its record's data with 16-byte headers and 8-byte references. */
  private long sizeBound(int object) throws IOException {
    long p = index.positions[object];
    int id = in.idSize;
    long bytes = switch (in.u1(p)) {
      case SubRecords.INSTANCE_DUMP -> 16 + in.u4(p + 1 + 2L * id + 4);
      case SubRecords.OBJECT_ARRAY_DUMP -> 24 + in.u4(p + 1 + id + 4) * 8;
      case SubRecords.PRIMITIVE_ARRAY_DUMP -> 24 + (SubRecords.end(in, p) - (p + 1 + id + 9));
      default -> 256 + (SubRecords.end(in, p) - p); // a class mirror: the Class fields, then the statics
    };
    return (bytes + 7) & ~7L;
  }

  private long mapped(long old) {
    if (old == 0) {
      return 0;
    }
    long fresh = map.newId(old);
    if (fresh >= 0) {
      return fresh;
    }
    return dangling.computeIfAbsent(old, o -> {
      long id = nextFresh;
      nextFresh += 8;
      return id;
    });
  }

  private void write(Path target) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
      byte[] header = new byte[in.firstRecord];
      in.copy(0, header, 0, header.length);
      out.write(header);
      boolean heapWritten = false;
      for (long p : index.recordPositions) {
        int tag = in.u1(p);
        long body = p + HprofInput.RECORD_HEADER;
        switch (tag) {
          case HprofInput.HEAP_DUMP, HprofInput.HEAP_DUMP_SEGMENT -> {
            if (!heapWritten) {
              writeHeap(out, tag);
              heapWritten = true;
            }
          }
          case HprofInput.LOAD_CLASS -> {
            int classObject = index.indexOf(in.id(body + 4));
            if (classObject < 0 || live.get(classObject)) {
              copyRecord(out, p, body + 4);
            }
          }
          case HprofInput.START_THREAD -> copyRecord(out, p, body + 4);
          default -> copyRecord(out, p, -1);
        }
      }
    }
  }

  /** Copies the top-level record at {@code p}, rewriting the object id at {@code idAt} (if not -1). */
  private void copyRecord(OutputStream out, long p, long idAt) throws IOException {
    byte[] bytes = new byte[(int) (in.recordEnd(p) - p)];
    in.copy(p, bytes, 0, bytes.length);
    if (idAt >= 0) {
      putId(bytes, (int) (idAt - p), mapped(in.id(idAt)));
    }
    out.write(bytes);
  }

  private void writeHeap(OutputStream out, int tag) throws IOException {
    long[] order = heapOrder();
    Segment segment = new Segment(out, tag);
    for (long p : order) {
      int length = (int) (SubRecords.end(in, p) - p);
      int at = segment.reserve(length);
      byte[] bytes = segment.bytes;
      in.copy(p, bytes, at, length);
      SubRecords.slots(in, p, index, (offset, role) -> putId(bytes, at + (int) (offset - p), mapped(in.id(offset))));
      if (form == IdForm.RANDOM && tag == HprofInput.HEAP_DUMP_SEGMENT && random.nextInt(2000) == 0) {
        segment.flush();
      }
    }
    segment.flush();
  }

  /** The heap sub-records to write, by position: the original order, or shuffled for {@link IdForm#RANDOM}. */
  private long[] heapOrder() {
    Longs classes = new Longs();
    Longs objects = new Longs();
    for (int i = 0; i < index.positions.length; i++) {
      if (live.get(i)) {
        (index.tag(i) == SubRecords.CLASS_DUMP ? classes : objects).add(index.positions[i]);
      }
    }
    long[] roots = index.rootPositions;
    if (form == IdForm.ORDER_PRESERVING) {
      long[] all = new long[classes.size() + objects.size() + roots.length];
      System.arraycopy(classes.toArray(), 0, all, 0, classes.size());
      System.arraycopy(objects.toArray(), 0, all, classes.size(), objects.size());
      System.arraycopy(roots, 0, all, classes.size() + objects.size(), roots.length);
      Arrays.sort(all); // positions: the original order
      return all;
    }
    long[] c = shuffled(classes.toArray());
    long[] o = shuffled(objects.toArray());
    long[] all = new long[c.length + roots.length + o.length];
    System.arraycopy(c, 0, all, 0, c.length);
    System.arraycopy(roots, 0, all, c.length, roots.length);
    System.arraycopy(o, 0, all, c.length + roots.length, o.length);
    return all;
  }

  private long[] shuffled(long[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
    return values;
  }

  private void putId(byte[] bytes, int at, long id) {
    for (int k = in.idSize - 1; k >= 0; k--, id >>>= 8) {
      bytes[at + k] = (byte) id;
    }
  }

  /** A heap dump record being filled; written when full (1 MB) or flushed. */
  private static final class Segment {
    private static final int LIMIT = 1 << 20;
    private final OutputStream out;
    private final int tag;
    byte[] bytes = new byte[LIMIT + 4096];
    private int size;

    Segment(OutputStream out, int tag) {
      this.out = out;
      this.tag = tag;
    }

    /** Makes room for {@code length} more bytes and returns where they go. */
    int reserve(int length) throws IOException {
      if (tag == HprofInput.HEAP_DUMP_SEGMENT && size > 0 && size + length > LIMIT) {
        flush();
      }
      if (size + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(size + length, bytes.length * 2));
      }
      int at = size;
      size += length;
      return at;
    }

    void flush() throws IOException {
      if (size == 0) {
        return;
      }
      out.write(new byte[] {(byte) tag, 0, 0, 0, 0, (byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8),
          (byte) size});
      out.write(bytes, 0, size);
      size = 0;
    }
  }
}
