package dev.heapdiff.hprof.internal;

import dev.heapdiff.hprof.ValueType;
import java.util.Set;

/**
 * Hashes of an object's own contents as its record holds them: the primitive fields of an instance,
 * the elements of a primitive array, the length of an object array. Equal contents give equal hashes
 * in every run and every dump; the hashes read raw bytes a word at a time, without decoding fields.
 */
public final class ContentHash {
  private ContentHash() {}

  /** The fields of {@code java.lang.String} that cache its hash, set on first use: not its contents. */
  public static final Set<String> STRING_CACHES = Set.of("hash", "hashIsZero", "hash32");

  /**
   * The hash of the primitive values at {@code runs} ({@code (offset, length)} pairs, {@link
   * InstanceShape#primitiveRuns}) of the field data that starts at file offset {@code data}.
   */
  public static long instance(MappedInput in, int[] runs, long data) {
    long h = 0x2545F4914F6CDD1DL;
    for (int r = 0; r < runs.length; r += 2) {
      long at = data + runs[r];
      long end = at + runs[r + 1];
      for (; at + 8 <= end; at += 8) {
        h = step(h, in.i8(at));
      }
      int tail = (int) (end - at);
      if (tail > 0) {
        long word;
        if (at + 8 <= in.size()) {
          word = in.i8(at) >>> (64 - 8 * tail); // the tail's bytes are the word's first (big-endian)
        } else {
          word = 0;
          for (long k = at; k < end; k++) {
            word = word << 8 | (in.u1(k) & 0xFF);
          }
        }
        h = step(h, word ^ (long) tail << 60);
      }
    }
    return mix(h);
  }

  /** The hash of a primitive array's element type (its tag) and its {@code bytes} bytes of elements at {@code at}. */
  public static long primitiveArray(MappedInput in, int typeTag, long at, long bytes) {
    long h = 0x9E3779B97F4A7C15L * (typeTag + 31L * bytes);
    long k = 0;
    for (; k + 8 <= bytes; k += 8) {
      h = step(h, in.i8(at + k));
    }
    for (; k < bytes; k++) {
      h = step(h, (in.u1(at + k) & 0xFFL) ^ (k << 8));
    }
    return mix(h);
  }

  /**
   * A 64-bit hash of a class's name, which its objects' content hashes are mixed with (so that two
   * names whose {@link String#hashCode} is the same, such as "Aa" and "BB", still hash apart).
   */
  public static long ofName(String name) {
    long h = 0xCBF29CE484222325L; // FNV-1a over the characters, then mixed
    for (int k = 0; k < name.length(); k++) {
      h = (h ^ name.charAt(k)) * 0x100000001B3L;
    }
    return mix(h + name.length());
  }

  /** {@link #instance} of instance {@code object} of {@code g}, its primitive values at {@code runs}. */
  public static long instance(GraphData g, int object, int[] runs) {
    return instance(g.in, runs, Values.instanceData(g, object));
  }

  /** {@link #primitiveArray} of primitive array {@code object} of {@code g}, read from its record. */
  public static long primitiveArray(GraphData g, int object) {
    ValueType type = Values.primitiveType(g, object);
    return primitiveArray(g.in, type.tag(), Values.primitiveData(g, object),
        (long) Values.arrayLength(g, object) * type.sizeInDump(g.idSize));
  }

  /** {@link #objectArray(long)} of object array {@code object} of {@code g}. */
  public static long objectArray(GraphData g, int object) {
    return objectArray(Values.arrayLength(g, object));
  }

  /** The hash of an object array of {@code length} elements: its length alone. */
  public static long objectArray(long length) {
    return mix(0x51ED27L + length);
  }

  /**
   * One word into a running hash: a multiply and a shift, a third of {@link #mix}'s work; the hash is
   * mixed once at its end. Hashing every word of a dump's contents is much of a matching's time.
   */
  private static long step(long h, long word) {
    h = (h ^ word) * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 32);
  }

  /** A 64-bit finalizer: every bit of the result depends on every bit of {@code h}. */
  public static long mix(long h) {
    h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
    h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return h ^ (h >>> 33);
  }
}
