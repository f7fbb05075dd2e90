package dev.heapdiff.hprof.internal;

import dev.heapdiff.hprof.HprofFormatException;
import dev.heapdiff.hprof.NotEnoughMemoryException;
import dev.heapdiff.hprof.ObjectLayout;
import dev.heapdiff.hprof.ValueType;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Builds a {@link GraphData} from a dump: a sequential scan, then class resolution, sorting by id,
 * references (in parallel), then layout and shallow sizes while reachability is marked on another
 * thread.
 */
public final class GraphBuilder {
  private final MappedInput in;
  private final ObjectLayout givenLayout;
  private final GraphData g = new GraphData();
  private RecordScanner scan;
  private LongIntMap classIndexById;

  private GraphBuilder(MappedInput in, ObjectLayout givenLayout) {
    this.in = in;
    this.givenLayout = givenLayout;
  }

  /**
   * Reads the uncompressed HPROF file {@code file}.
   *
   * @param layout the object layout to use, or {@code null} to infer it from the dump
   */
  public static GraphData read(Path file, ObjectLayout layout) throws IOException {
    return read(file, layout, file);
  }

  /**
   * Reads {@code file} as {@link #read(Path, ObjectLayout)} does, naming {@code shownAs} (the file the
   * user gave, of which {@code file} may be the decompressed copy) if this JVM's heap is too small.
   *
   * @throws NotEnoughMemoryException instead of an {@link OutOfMemoryError} about the Java heap
   */
  public static GraphData read(Path file, ObjectLayout layout, Path shownAs) throws IOException {
    MappedInput in = MappedInput.open(file);
    GraphBuilder builder = new GraphBuilder(in, layout);
    long objects;
    Throwable exhausted;
    try {
      return builder.build();
    } catch (OutOfMemoryError | RuntimeException e) {
      if (!NotEnoughMemoryException.isHeapExhaustion(e)) {
        throw e;
      }
      objects = builder.g.ids != null ? builder.g.ids.size() : -1;
      exhausted = e;
    }
    // The partly built graph let go first: making the exception and its message needs some heap.
    builder = null;
    throw new NotEnoughMemoryException("open", List.of(shownAs), objects,
        objects < 0 ? -1 : PEAK_BYTES_PER_OBJECT * objects, exhausted);
  }

  /**
   * About how many bytes of heap opening a dump takes per object at its peak: 42 measured on the
   * bench's 1.6M-object dump (it opens with -Xmx65m, not with -Xmx62m), rounded up.
   */
  private static final long PEAK_BYTES_PER_OBJECT = 45;

  private static final boolean TIMINGS = Boolean.getBoolean("heapdiff.timings");
  private long phaseStart = System.nanoTime();

  private void phase(String name) {
    if (TIMINGS) {
      long now = System.nanoTime();
      System.err.printf("heapdiff: %-14s %6d ms%n", name, (now - phaseStart) / 1_000_000);
      phaseStart = now;
    }
  }

  private GraphData build() throws IOException {
    scan = new RecordScanner(in);
    scan.scan();
    phase("scan");
    g.file = in.file();
    g.in = in;
    g.extra = scan;
    g.idSize = scan.idSize;
    g.version = scan.version;
    g.timestampMillis = scan.timestampMillis;
    resolveClasses();
    collectObjects();
    phase("sort/resolve");
    resolveSupers();
    buildShapes();
    buildReferences();
    phase("references");
    resolveRoots();
    // Reachability needs only the references and sizes only the objects: on a thread of its own,
    // the walk (which is sequential) overlaps the size computation.
    FutureTask<Void> reachability = new FutureTask<>(() -> {
      Reachability.compute(g);
      return null;
    });
    Thread walker = new Thread(reachability, "heapdiff-reachability");
    walker.setDaemon(true);
    walker.start();
    try {
      g.systemProperties = Values.systemProperties(g);
      Sizes.compute(g, givenLayout);
      phase("sizes");
      hashContents();
    } catch (IOException | RuntimeException | Error e) {
      // The walk holds the graph: it ends before the failure goes on, so that the graph can be let
      // go (a heap that ran out is then reported in a line, which needs some heap).
      Await.quietly(reachability);
      throw e;
    }
    phase("content hashes");
    try {
      reachability.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while marking reachable objects");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
    phase("reachability (rest)");
    return g;
  }

  private void resolveClasses() throws HprofFormatException {
    List<ClassRecord> classes = new ArrayList<>(scan.classes);
    classIndexById = scan.classIndexById;
    for (ClassRecord c : classes) {
      int load = scan.loadClassIndex.get(c.id);
      String vmName = load < 0 ? "<unnamed class 0x" + Long.toHexString(c.id) + ">"
          : scan.name(scan.loadClassNameIds.get(load));
      c.name = Names.javaName(vmName);
      c.isObjectArray = vmName.startsWith("[") && vmName.length() > 2;
    }
    java.util.Arrays.fill(g.primitiveArrayClass, -1);
    for (int i = 0; i < classes.size(); i++) {
      ClassRecord c = classes.get(i);
      if (c.name.equals("java.lang.Class")) {
        g.classClassIndex = i;
      }
      for (ValueType t : ValueType.values()) {
        if (t.isPrimitive() && c.name.equals(t.javaName() + "[]")) {
          g.primitiveArrayClass[t.tag()] = i;
          c.primitiveArrayType = t;
        }
      }
    }
    // Dumps from other writers may lack classes that HotSpot always writes: make them up.
    if (g.classClassIndex < 0) {
      g.classClassIndex = classes.size();
      classes.add(synthetic("java.lang.Class"));
    }
    for (ValueType t : ValueType.values()) {
      if (t.isPrimitive() && g.primitiveArrayClass[t.tag()] < 0) {
        g.primitiveArrayClass[t.tag()] = classes.size();
        ClassRecord c = synthetic(t.javaName() + "[]");
        c.primitiveArrayType = t;
        classes.add(c);
      }
    }
    g.classes = classes.toArray(new ClassRecord[0]);
    g.classKinds = new byte[g.classes.length];
    for (int i = 0; i < g.classes.length; i++) {
      ClassRecord c = g.classes[i];
      g.classKinds[i] = (byte) (c.primitiveArrayType != null ? RecordScanner.PRIMITIVE_ARRAY_DUMP
          : c.isObjectArray ? RecordScanner.OBJECT_ARRAY_DUMP : RecordScanner.INSTANCE_DUMP);
    }
  }

  private static ClassRecord synthetic(String name) {
    ClassRecord c = new ClassRecord();
    c.name = name;
    c.position = -1;
    return c;
  }

  private void collectObjects() throws HprofFormatException {
    int[] idKeys = scan.idKeys;
    long[] wideIds = scan.wideIds;
    Positions offsets = scan.positions();
    int[] classOf = scan.objectClasses;
    int[] lengths = scan.arrayLengths;
    scan.releaseObjects();
    int n = classOf.length;
    g.ids = idKeys != null ? new ObjectIds(idKeys, scan.idBase, scan.idShift, scan.idSpan) : ObjectIds.of(wideIds);
    phase("id index");
    int[] duplicate = g.ids.duplicate();
    if (duplicate != null) {
      long later = offsets.get(duplicate[1]);
      throw in.error(later, "object id 0x" + Long.toHexString(in.id(later + 1, scan.idSize))
          + " appears twice (also at byte offset " + offsets.get(duplicate[0]) + ")");
    }
    for (int k = 0; k < n; k++) {
      int code = classOf[k];
      if (code >= 0) {
        continue;
      }
      int cls;
      if (code == HeapDumpScanner.CLASS_OBJECT) {
        cls = g.classClassIndex;
      } else if (code > HeapDumpScanner.UNRESOLVED_BASE) {
        cls = g.primitiveArrayClass[HeapDumpScanner.PRIMITIVE_ARRAY_BASE - code];
      } else {
        long classId = scan.unresolvedClassIds.get(HeapDumpScanner.UNRESOLVED_BASE - code);
        cls = classIndexById.get(classId);
        if (cls < 0) {
          int tag = in.u1(offsets.get(k)) & 0xFF;
          throw in.error(offsets.get(k), String.format("%s refers to class id 0x%x, which has no CLASS DUMP",
              recordName(tag), classId));
        }
      }
      classOf[k] = cls;
    }
    g.positions = offsets;
    g.classOf = classOf;
    g.size8 = lengths; // holds array lengths until Sizes replaces them with sizes
    g.mirrorToClass = new LongIntMap(g.classes.length);
    for (int c = 0; c < g.classes.length; c++) {
      ClassRecord record = g.classes[c];
      if (record.position >= 0) {
        record.objectIndex = g.ids.indexOf(record.id);
        g.mirrorToClass.put(record.objectIndex, c);
      }
    }
  }

  private void resolveSupers() throws HprofFormatException {
    for (ClassRecord c : g.classes) {
      if (c.superId != 0) {
        c.superIndex = classIndexById.get(c.superId);
        if (c.superIndex < 0) {
          throw in.error(c.position, String.format("CLASS DUMP of %s names superclass id 0x%x,"
              + " which has no CLASS DUMP", c.name, c.superId));
        }
      }
    }
    // A cycle in the superclass chain would hang every walk up the hierarchy.
    for (ClassRecord c : g.classes) {
      int steps = 0;
      for (int s = c.superIndex; s >= 0; s = g.classes[s].superIndex) {
        if (++steps > g.classes.length) {
          throw in.error(c.position, "the superclass chain of " + c.name + " is a cycle");
        }
      }
    }
  }

  private void buildShapes() {
    g.shapes = new InstanceShape[g.classes.length];
    for (int i = 0; i < g.classes.length; i++) {
      List<String> names = new ArrayList<>();
      List<ValueType> types = new ArrayList<>();
      for (int c = i; c >= 0; c = g.classes[c].superIndex) {
        ClassRecord k = g.classes[c];
        for (int f = 0; f < k.fieldNameIds.length; f++) {
          names.add(scan.name(k.fieldNameIds[f]));
          types.add(k.fieldTypes[f]);
        }
      }
      g.shapes[i] = new InstanceShape(names.toArray(new String[0]), types.toArray(new ValueType[0]), g.idSize);
    }
  }

  private void buildReferences() throws IOException {
    int n = g.ids.size();
    int chunks = Parallel.chunksFor(n);
    int[] counts = new int[n + 1];
    IntBlocks[] parts = new IntBlocks[chunks];
    long[] dangling = new long[chunks];
    Parallel.forChunksReading(n, chunks, (chunk, from, to) -> {
      IntBlocks out = new IntBlocks();
      parts[chunk] = out;
      for (int i = from; i < to; i++) {
        long before = out.size();
        dangling[chunk] += references(i, out);
        counts[i + 1] = (int) (out.size() - before);
      }
    });
    long total = 0;
    for (IntBlocks part : parts) {
      total += part.size();
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw in.error(0, "more than 2^31 references: too large for this reader");
    }
    for (int i = 0; i < n; i++) {
      counts[i + 1] += counts[i];
    }
    int[] refs = new int[(int) total];
    int at = 0;
    for (IntBlocks part : parts) {
      part.copyTo(refs, at);
      at += (int) part.size();
    }
    g.refStart = counts;
    g.refs = refs;
    for (long d : dangling) {
      g.unresolvedReferences += d;
    }
  }

  /** Appends the resolved targets of object i to {@code out}; returns the number of dangling ids. */
  private int references(int i, IntBlocks out) throws HprofFormatException {
    long pos = g.positions.get(i);
    int id = g.idSize;
    int tag = g.kind(i);
    if ((in.u1(pos) & 0xFF) != tag) {
      throw notItsClassKind(i, pos);
    }
    int missing = 0;
    switch (tag) {
      case RecordScanner.INSTANCE_DUMP -> {
        InstanceShape shape = g.shapes[g.classOf[i]];
        long length = in.u4(pos + 1 + 2L * id + 4);
        if (length != shape.dataLength) {
          throw in.error(pos, "INSTANCE DUMP of " + g.classes[g.classOf[i]].name + " holds " + length
              + " bytes of field values, but its class and superclasses declare " + shape.dataLength);
        }
        long data = pos + 1 + 2L * id + 8;
        for (int off : shape.referenceOffsets) {
          missing += add(in.id(data + off, id), out);
        }
      }
      case RecordScanner.OBJECT_ARRAY_DUMP -> {
        int length = g.size8[i];
        long data = pos + 1 + 2L * id + 8;
        for (int k = 0; k < length; k++) {
          missing += add(in.id(data + (long) k * id, id), out);
        }
      }
      case RecordScanner.CLASS_DUMP -> missing += classReferences(g.classes[g.classOfMirror(i)], out);
      default -> {
        // primitive arrays hold no references
      }
    }
    return missing;
  }

  /**
   * The error for a record whose class is of another kind (an instance of an array class, say): its
   * fields would be read at the wrong offsets.
   */
  private HprofFormatException notItsClassKind(int i, long pos) {
    ClassRecord c = g.classes[g.classOf[i]];
    return in.error(pos, String.format("%s of class %s, which is %s class", recordName(in.u1(pos) & 0xFF), c.name,
        switch (g.classKinds[g.classOf[i]]) {
          case RecordScanner.INSTANCE_DUMP -> "an instance";
          case RecordScanner.OBJECT_ARRAY_DUMP -> "an object array";
          default -> "a primitive array";
        }));
  }

  private static String recordName(int tag) {
    return switch (tag) {
      case RecordScanner.CLASS_DUMP -> "CLASS DUMP";
      case RecordScanner.INSTANCE_DUMP -> "INSTANCE DUMP";
      case RecordScanner.OBJECT_ARRAY_DUMP -> "OBJECT ARRAY DUMP";
      case RecordScanner.PRIMITIVE_ARRAY_DUMP -> "PRIMITIVE ARRAY DUMP";
      default -> String.format("record 0x%02x", tag);
    };
  }

  /**
   * Appends the resolved targets of a class object; returns the number of dangling ids. A method of
   * its own: the JIT leaves it out of {@link #references}'s compiled code, which a few thousand
   * class objects among millions of objects do not need inlined.
   */
  private int classReferences(ClassRecord c, IntBlocks out) {
    int missing = add(c.superId, out);
    missing += add(c.loaderId, out);
    missing += add(c.signersId, out);
    missing += add(c.protectionDomainId, out);
    for (int s = 0; s < c.staticTypes.length; s++) {
      if (c.staticTypes[s] == ValueType.OBJECT) {
        missing += add(c.staticValues[s], out);
      }
    }
    for (long ref : c.constantPoolRefs) {
      missing += add(ref, out);
    }
    return missing;
  }

  private int add(long targetId, IntBlocks out) {
    if (targetId == 0) {
      return 0;
    }
    int target = g.ids.indexOf(targetId);
    if (target < 0) {
      return 1;
    }
    out.add(target);
    return 0;
  }

  /**
   * Hashes every object's own contents ({@link GraphData#contentHash}), in chunks on all cores: after
   * the sizes, while the reachability walk (one thread) ends.
   */
  private void hashContents() throws IOException {
    int n = g.ids.size();
    int[][] runs = new int[g.classes.length][];
    long[] seeds = new long[g.classes.length];
    for (int c = 0; c < g.classes.length; c++) {
      seeds[c] = ContentHash.ofName(g.classes[c].name);
      InstanceShape shape = g.shapes[c];
      if (shape != null) {
        runs[c] = g.classes[c].name.equals("java.lang.String")
            ? shape.primitiveRunsWithout(ContentHash.STRING_CACHES, g.idSize) : shape.primitiveRuns;
      }
    }
    long[] hashes = new long[n];
    Parallel.forChunksReading(n, Parallel.chunksFor(n), (chunk, from, to) -> {
      for (int i = from; i < to; i++) {
        hashes[i] = contentHash(i, runs) ^ seeds[g.classOf[i]];
      }
    });
    g.contentHash = hashes;
  }

  /** The hash of object i's own contents, before its class's seed; {@code runs} by class as {@link #hashContents}. */
  private long contentHash(int i, int[][] runs) {
    return switch (g.kind(i)) {
      case RecordScanner.INSTANCE_DUMP -> ContentHash.instance(g, i, runs[g.classOf[i]]);
      case RecordScanner.OBJECT_ARRAY_DUMP -> ContentHash.objectArray(g, i);
      case RecordScanner.PRIMITIVE_ARRAY_DUMP -> ContentHash.primitiveArray(g, i);
      default -> ContentHash.mix(ContentHash.ofName(g.classes[g.classOfMirror(i)].name) + 0xC1A55);
    };
  }

  private void resolveRoots() {
    int n = scan.rootIds.size();
    IntVec objects = new IntVec(n);
    IntVec threads = new IntVec(n);
    IntVec frames = new IntVec(n);
    IntVec kinds = new IntVec(n);
    for (int r = 0; r < n; r++) {
      int object = g.ids.indexOf(scan.rootIds.get(r));
      if (object < 0) {
        g.unresolvedRoots++;
        continue;
      }
      objects.add(object);
      kinds.add(scan.rootKinds.get(r));
      threads.add(scan.rootThreads.get(r));
      frames.add(scan.rootFrames.get(r));
    }
    g.rootObjects = objects.toArray();
    g.rootThreads = threads.toArray();
    g.rootFrames = frames.toArray();
    int[] k = kinds.toArray();
    g.rootKinds = new byte[k.length];
    for (int i = 0; i < k.length; i++) {
      g.rootKinds[i] = (byte) k[i];
    }
  }
}
