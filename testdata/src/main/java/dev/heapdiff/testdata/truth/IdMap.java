package dev.heapdiff.testdata.truth;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The one-to-one map from the original ids of a dump's objects to the ids a rewritten copy gives
 * them. Immutable; lookups by binary search in either direction.
 */
public final class IdMap {
  private static final long MAGIC = 0x4844_4944_4D41_5031L; // "HDIDMAP1"

  private final long[] oldIds;
  private final long[] newOfOld;
  private final long[] newIds;
  private final long[] oldOfNew;

  /** Builds a map from ascending original ids and the new id of each. */
  IdMap(long[] oldIdsAscending, long[] newOfOld) {
    this.oldIds = oldIdsAscending;
    this.newOfOld = newOfOld;
    int[] byNew = HeapIndex.sortIndexByKey(newOfOld);
    this.newIds = new long[byNew.length];
    this.oldOfNew = new long[byNew.length];
    for (int r = 0; r < byNew.length; r++) {
      newIds[r] = newOfOld[byNew[r]];
      oldOfNew[r] = oldIds[byNew[r]];
      if (r > 0 && newIds[r] == newIds[r - 1]) {
        throw new IllegalArgumentException(String.format("two objects get the new id 0x%x", newIds[r]));
      }
    }
  }

  /** Returns the number of objects mapped. */
  public int size() {
    return oldIds.length;
  }

  /** Returns the new id of the object with original id {@code oldId}, or -1 if the map does not have it. */
  public long newId(long oldId) {
    int k = Arrays.binarySearch(oldIds, oldId);
    return k < 0 ? -1 : newOfOld[k];
  }

  /** Returns the original id of the object with new id {@code newId}, or -1 if the map does not have it. */
  public long oldId(long newId) {
    int k = Arrays.binarySearch(newIds, newId);
    return k < 0 ? -1 : oldOfNew[k];
  }

  /** Returns the original ids, ascending. */
  public long[] oldIds() {
    return oldIds.clone();
  }

  /** Returns the new ids of {@code oldIds} (same order); -1 for ids the map does not have. */
  public long[] toNew(long[] oldIds) {
    long[] out = new long[oldIds.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = newId(oldIds[i]);
    }
    return out;
  }

  /** Returns the original ids of {@code newIds} (same order); -1 for ids the map does not have. */
  public long[] toOld(long[] newIds) {
    long[] out = new long[newIds.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = oldId(newIds[i]);
    }
    return out;
  }

  /** Writes the map as a binary file: a magic number, the count, then (old, new) pairs by old id. */
  public void write(Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.writeLong(MAGIC);
      out.writeInt(oldIds.length);
      for (int i = 0; i < oldIds.length; i++) {
        out.writeLong(oldIds[i]);
        out.writeLong(newOfOld[i]);
      }
    }
  }

  /** Reads a map {@link #write} wrote. */
  public static IdMap read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readLong() != MAGIC) {
        throw new IOException(file + ": not an id map");
      }
      int n = in.readInt();
      long[] old = new long[n];
      long[] nu = new long[n];
      for (int i = 0; i < n; i++) {
        old[i] = in.readLong();
        nu[i] = in.readLong();
        if (i > 0 && old[i] <= old[i - 1]) {
          throw new IOException(file + ": original ids out of order at entry " + i);
        }
      }
      return new IdMap(old, nu);
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("IdMap of " + oldIds.length + " ids");
    for (int i = 0; i < Math.min(3, oldIds.length); i++) {
      s.append(String.format("%s 0x%x -> 0x%x", i == 0 ? ":" : ",", oldIds[i], newOfOld[i]));
    }
    return s.append(oldIds.length > 3 ? ", …" : "").toString();
  }
}
