package dev.heapdiff.hprof.internal;

import dev.heapdiff.hprof.ValueType;
import java.util.Arrays;
import java.util.Set;

/**
 * The values of an instance as the dump writes them: the fields of the class itself, then those of
 * its superclass, and so on up to {@code java.lang.Object}.
 */
public final class InstanceShape {
  public final String[] names;
  public final ValueType[] types;
  /** Byte offset of each value within the instance's field data. */
  public final int[] offsets;
  /** Offsets of the reference values only. */
  public final int[] referenceOffsets;
  /** Index into names/types of each reference value. */
  public final int[] referenceFields;
  /** Number of bytes of field data an INSTANCE DUMP of this class must hold. */
  public final int dataLength;
  /**
   * The runs of primitive values between the reference values, as {@code (offset, length)} pairs:
   * the bytes a hash of the primitive fields reads, in few wide reads.
   */
  public final int[] primitiveRuns;

  public InstanceShape(String[] names, ValueType[] types, int idSize) {
    this.names = names;
    this.types = types;
    this.offsets = new int[names.length];
    int refs = 0;
    int at = 0;
    for (int i = 0; i < types.length; i++) {
      offsets[i] = at;
      at += types[i].sizeInDump(idSize);
      if (types[i] == ValueType.OBJECT) {
        refs++;
      }
    }
    this.dataLength = at;
    this.referenceOffsets = new int[refs];
    this.referenceFields = new int[refs];
    int r = 0;
    for (int i = 0; i < types.length; i++) {
      if (types[i] == ValueType.OBJECT) {
        referenceOffsets[r] = offsets[i];
        referenceFields[r] = i;
        r++;
      }
    }
    this.primitiveRuns = primitiveRunsWithout(Set.of(), idSize);
  }

  /**
   * Returns the runs of primitive values, as {@link #primitiveRuns}, with the named fields left out
   * as if they were references.
   */
  public int[] primitiveRunsWithout(Set<String> leftOut, int idSize) {
    int[] runs = new int[2 * (types.length + 1)];
    int n = 0;
    int runStart = 0;
    for (int i = 0; i <= types.length; i++) {
      int end = i == types.length ? dataLength : offsets[i];
      if (i == types.length || types[i] == ValueType.OBJECT || leftOut.contains(names[i])) {
        if (end > runStart) {
          runs[n++] = runStart;
          runs[n++] = end - runStart;
        }
        runStart = i == types.length ? end : end + types[i].sizeInDump(idSize);
      }
    }
    return Arrays.copyOf(runs, n);
  }

  public int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
