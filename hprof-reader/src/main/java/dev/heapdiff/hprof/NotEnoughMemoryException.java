package dev.heapdiff.hprof;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Thrown instead of an {@link OutOfMemoryError} when this JVM's heap cannot hold what heapdiff builds
 * from a dump (its graph, or the matching of two dumps). The message names the dump files, the work,
 * about how much heap it needs and what the JVM has, and says to raise {@code -Xmx}. The partly
 * built structures are garbage by the time it is thrown, so the JVM can go on.
 */
public final class NotEnoughMemoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final double MB = 1024 * 1024;

  private final transient List<Path> files;
  /** Bytes the work needs at its peak, or -1 when the message had to go by the files' size. */
  private final long neededBytes;
  /** {@link Runtime#maxMemory()} when the exception was made. */
  private final long maxHeapBytes;

  /**
   * @param work what heapdiff was doing, as a verb ("open", "match")
   * @param files the dump files it was working on
   * @param objects the number of objects involved, or a negative number if not known yet
   * @param neededBytes about how many bytes of heap the work needs at its peak, or a negative number if
   *     not known (then the files' size stands in for it)
   * @param cause the {@link OutOfMemoryError} (or what carried it from another thread), or null when
   *     the shortfall was seen before allocating
   */
  public NotEnoughMemoryException(String work, List<Path> files, long objects, long neededBytes, Throwable cause) {
    this(work, files, objects, neededBytes >= 0 ? neededBytes : sizeOf(files), neededBytes < 0, cause);
  }

  private NotEnoughMemoryException(String work, List<Path> files, long objects, long needed, boolean bySize,
      Throwable cause) {
    super(message(work, files, objects, needed, bySize, suggestion(needed)), cause);
    this.files = List.copyOf(files);
    this.neededBytes = bySize ? -1 : needed;
    this.maxHeapBytes = Runtime.getRuntime().maxMemory();
    this.suggestedMaxHeap = suggestion(needed);
  }

  /** The {@code -Xmx} option the message suggests, or null when it suggests none. */
  private final String suggestedMaxHeap;

  private static long sizeOf(List<Path> files) {
    long total = 0;
    for (Path f : files) {
      try {
        total += Files.size(f);
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return total;
  }

  /** A {@code -Xmx} option with room for {@code needed} bytes beside what is in use now, in whole GiB. */
  private static String suggestion(long needed) {
    if (needed < 0) {
      return null;
    }
    Runtime rt = Runtime.getRuntime();
    long inUse = rt.totalMemory() - rt.freeMemory();
    long gib = (long) Math.ceil((needed + inUse) * 1.25 / (1L << 30));
    return "-Xmx" + Math.max(1, gib) + "g";
  }

  private static String message(String work, List<Path> files, long objects, long needed, boolean bySize,
      String suggestion) {
    StringBuilder out = new StringBuilder("not enough Java heap to ").append(work).append(' ');
    for (int k = 0; k < files.size(); k++) {
      out.append(k == 0 ? "" : " and ").append(files.get(k));
    }
    if (objects >= 0) {
      out.append(String.format(Locale.ROOT, " (%,d objects)", objects));
    }
    out.append(": ");
    if (needed >= 0) {
      // Beside what the JVM holds already (its own objects, another dump): so it can be less than the maximum.
      out.append(String.format(Locale.ROOT, bySize
          ? "that needs about as much heap as the %,.0f MB of the file beside what this JVM holds already, "
          : "that needs about %,.0f MB of heap beside what this JVM holds already, ", needed / MB));
    }
    out.append(String.format(Locale.ROOT, "and this JVM's maximum heap is %,.0f MB; run Java with a larger -Xmx",
        Runtime.getRuntime().maxMemory() / MB));
    if (suggestion != null) {
      out.append(" (for example ").append(suggestion).append(')');
    }
    return out.toString();
  }

  /**
   * Returns a {@code -Xmx} option that should leave room enough, such as {@code -Xmx8g}, or null if unknown.
   *
   * @return {@code -Xmx} and a whole number of GiB, at least 1: the need (or the files' size when the need
   *     is not known) plus the heap in use when the exception was made, and a quarter more; null when
   *     neither the need nor the files' size is known
   */
  public String suggestedMaxHeap() {
    return suggestedMaxHeap;
  }

  /**
   * Returns the dump files heapdiff was working on.
   *
   * @return an unmodifiable copy of the files given, in their order; null after deserialization, as
   *     paths are not serialized
   */
  public List<Path> files() {
    return files;
  }

  /**
   * Returns about how many bytes of heap the work needs at its peak, or a negative number if not known.
   *
   * @return bytes needed beside what the JVM held already, or -1 when the message went by the files' size
   */
  public long neededBytes() {
    return neededBytes;
  }

  /**
   * Returns this JVM's maximum heap ({@link Runtime#maxMemory()}) when the exception was made.
   *
   * @return bytes; {@code Long.MAX_VALUE} if the JVM has no limit
   */
  public long maxHeapBytes() {
    return maxHeapBytes;
  }

  /**
   * Whether {@code failure} is an {@link OutOfMemoryError} about the Java heap, or carries one as a
   * cause (a worker thread's failure wrapped on its way back).
   *
   * @param failure what was thrown, or null
   * @return true if the first {@link OutOfMemoryError} in the chain of causes has no message or is about
   *     Java heap space, the array size limit or GC overhead; false for metaspace, direct buffers or native
   *     threads, for a chain without one, and for null
   */
  public static boolean isHeapExhaustion(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError e) {
        // Not "Metaspace", "Direct buffer memory" or "unable to create native thread".
        String m = e.getMessage();
        return m == null || m.contains("Java heap space") || m.contains("array size") || m.contains("GC overhead");
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
