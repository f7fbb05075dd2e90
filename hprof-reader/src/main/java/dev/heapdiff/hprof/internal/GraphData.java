package dev.heapdiff.hprof.internal;

import dev.heapdiff.hprof.ObjectLayout;
import java.nio.file.Path;

/**
 * The arrays behind a {@link dev.heapdiff.hprof.HeapGraph}. Objects are numbered 0..n-1 in file
 * order; per object there are about 29 bytes here plus 4 per outgoing reference.
 */
public final class GraphData {
  public Path file;
  public MappedInput in;
  public int idSize;
  public String version;
  public long timestampMillis;

  /** The object ids in address order and the lookup from id to index. */
  public ObjectIds ids;
  /** File offset of each object's heap dump sub-record (its tag byte); increasing. */
  public Positions positions;
  /** Class index of each object. */
  public int[] classOf;
  /** Shallow size of each object in units of 8 bytes. */
  public int[] size8;
  /** Outgoing references in CSR form: targets of object i are refs[refStart[i] .. refStart[i+1]). */
  public int[] refStart;
  public int[] refs;
  /** Per object, a hash of its own contents mixed with its class's name ({@link ContentHash}). */
  public long[] contentHash;
  /** Bit i set when object i is reachable from a GC root. */
  public long[] reachable;
  public int reachableCount;

  /** Per class, the sub-record tag of its instances: INSTANCE, OBJECT ARRAY or PRIMITIVE ARRAY DUMP. */
  public byte[] classKinds;
  /** Object index of a class object to the index of the class it describes. */
  public LongIntMap mirrorToClass;
  public ClassRecord[] classes;
  /** Per class: the instance field values' layout, own fields first then the superclasses'. */
  public InstanceShape[] shapes;
  public int classClassIndex = -1;
  /** Index of the class for primitive arrays by type tag (4..11), or -1. */
  public int[] primitiveArrayClass = new int[12];
  public int[] instanceSize;

  public int[] rootObjects;
  public byte[] rootKinds;
  public int[] rootThreads;
  public int[] rootFrames;
  public int unresolvedRoots;
  public long unresolvedReferences;

  public RecordScanner extra;
  public ObjectLayout layout;
  public java.util.Map<String, String> systemProperties = java.util.Map.of();

  public int objectCount() {
    return ids.size();
  }

  /** Returns the id of an object, read from its record. */
  public long id(int object) {
    return in.id(positions.get(object) + 1, idSize);
  }

  /** Returns the HPROF sub-record tag of an object (0x20 class, 0x21 instance, 0x22, 0x23 arrays). */
  public int kind(int object) {
    int c = classOf[object];
    int kind = classKinds[c];
    if (c == classClassIndex && mirrorToClass.get(object) >= 0) {
      return RecordScanner.CLASS_DUMP;
    }
    return kind;
  }

  /** Returns the class described by class object {@code object}, or -1. */
  public int classOfMirror(int object) {
    return mirrorToClass.get(object);
  }

  public boolean isReachable(int object) {
    return (reachable[object >>> 6] & (1L << object)) != 0;
  }

  public String name(long nameId) {
    return extra.name(nameId);
  }
}
