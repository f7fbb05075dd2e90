package dev.heapdiff.hprof.internal;

import java.util.Arrays;

/**
 * Computes instance sizes the way HotSpot's field layout does since JDK 15
 * ({@code FieldLayoutBuilder}): the superclass layout is rebuilt from its fields' offsets, its holes
 * become empty slots, the class's primitive fields (largest first) and then its references each go
 * into the smallest empty slot that fits with natural alignment, else at the end; the size is the end
 * rounded up to 8, then to the object alignment. {@code @Contended} classes and field groups are
 * surrounded by padding and never share holes.
 *
 * <p>A layout is immutable: the header and field intervals, the end (paddings included) and whether
 * it is contended. A subclass starts from its superclass's.
 */
public final class FieldLayout {
  /** HotSpot's {@code -XX:ContendedPaddingWidth} default. */
  static final int CONTENDED_PADDING = 128;

  private static final byte EMPTY = 0;
  private static final byte FIELD = 1;
  private static final byte PADDING = 2;

  /** Header and field intervals, sorted by offset: starts[i] .. starts[i] + sizes[i]. */
  private final int[] starts;
  private final int[] sizes;
  /** The end of the last block, paddings included. */
  private final int end;
  /** Whether this class or a superclass has {@code @Contended} fields or is {@code @Contended}. */
  private final boolean contended;

  private FieldLayout(int[] starts, int[] sizes, int end, boolean contended) {
    this.starts = starts;
    this.sizes = sizes;
    this.end = end;
    this.contended = contended;
  }

  /** The layout of a class without fields: just the object header. */
  public static FieldLayout header(int headerSize) {
    return new FieldLayout(new int[] {0}, new int[] {headerSize}, headerSize, false);
  }

  /** The end of the last occupied byte (before any rounding). */
  public int end() {
    return end;
  }

  /** The instance size: end rounded up to 8, then to {@code objectAlignment}. */
  public int instanceSize(int objectAlignment) {
    return alignUp(alignUp(end, 8), objectAlignment);
  }

  /**
   * Returns the layout of a subclass that declares fields of the given sizes (in bytes as the JVM
   * stores them) on top of this one.
   *
   * @param primitiveSizes sizes of the declared primitive fields, in any order
   * @param references the number of declared reference fields
   * @param oopSize the size of a reference (4 with compressed oops, else 8)
   */
  public FieldLayout extend(int[] primitiveSizes, int references, int oopSize) {
    return extend(primitiveSizes, references, oopSize, false, new int[0][], new int[0]);
  }

  /**
   * Returns the layout of a subclass, with {@code @Contended} annotations: a contended class's
   * fields follow a padding block and are followed by one; each contended group is appended after a
   * padding block; subclasses of contended classes append after a padding block and never fill holes.
   *
   * @param classContended whether the class itself is annotated {@code @Contended}
   * @param groupPrimitiveSizes per contended group, the sizes of its primitive fields
   * @param groupReferences per contended group, its number of reference fields
   */
  public FieldLayout extend(int[] primitiveSizes, int references, int oopSize, boolean classContended,
      int[][] groupPrimitiveSizes, int[] groupReferences) {
    boolean groups = groupReferences.length > 0;
    if (primitiveSizes.length == 0 && references == 0 && !classContended && !groups) {
      return this;
    }
    Slots slots = new Slots(this);
    if (classContended) {
      slots.appendOnly = true;
      slots.append(CONTENDED_PADDING);
    }
    placeAll(slots, primitiveSizes, references, oopSize);
    for (int g = 0; g < groupReferences.length; g++) {
      boolean wasAppendOnly = slots.appendOnly;
      slots.appendOnly = true;
      slots.append(CONTENDED_PADDING);
      placeAll(slots, groupPrimitiveSizes[g], groupReferences[g], oopSize);
      slots.appendOnly = wasAppendOnly;
    }
    if (classContended || groups) {
      slots.append(CONTENDED_PADDING);
    }
    return slots.toLayout(contended || classContended || groups);
  }

  private static void placeAll(Slots slots, int[] primitiveSizes, int references, int oopSize) {
    int[] sorted = primitiveSizes.clone();
    Arrays.sort(sorted);
    for (int i = sorted.length - 1; i >= 0; i--) {
      slots.place(sorted[i]);
    }
    for (int i = 0; i < references; i++) {
      slots.place(oopSize);
    }
  }

  /**
   * Computes the end of a static field block (references contiguously first, then primitives,
   * largest first, filling holes), starting from offset 0.
   */
  public static int staticBlockEnd(int[] primitiveSizes, int references, int oopSize) {
    Slots slots = new Slots(new FieldLayout(new int[] {0}, new int[] {0}, 0, false));
    for (int i = 0; i < references; i++) {
      slots.place(oopSize);
    }
    int[] sorted = primitiveSizes.clone();
    Arrays.sort(sorted);
    for (int i = sorted.length - 1; i >= 0; i--) {
      slots.place(sorted[i]);
    }
    return slots.toLayout(false).end();
  }

  static int alignUp(int value, int alignment) {
    return (value + alignment - 1) / alignment * alignment;
  }

  /** A mutable list of blocks (field, padding or empty) built from a layout. */
  private static final class Slots {
    // Parallel lists of blocks in offset order; the last block is the unbounded empty tail.
    private int[] offsets;
    private int[] lengths;
    private byte[] kinds;
    private int count;
    /** When set, blocks go only at the end (the superclass or the class is contended). */
    boolean appendOnly;

    Slots(FieldLayout layout) {
      int n = layout.starts.length;
      offsets = new int[n * 2 + 8];
      lengths = new int[n * 2 + 8];
      kinds = new byte[n * 2 + 8];
      int cursor = 0;
      for (int i = 0; i < n; i++) {
        if (layout.starts[i] > cursor) {
          // Holes in a contended superclass are padding, not free space.
          add(cursor, layout.starts[i] - cursor, layout.contended ? PADDING : EMPTY);
        }
        add(layout.starts[i], layout.sizes[i], FIELD);
        cursor = layout.starts[i] + layout.sizes[i];
      }
      if (layout.contended) {
        // HotSpot rebuilds the superclass from its fields only, then pads after the last one.
        add(cursor, CONTENDED_PADDING, PADDING);
        cursor += CONTENDED_PADDING;
        appendOnly = true;
      }
      add(cursor, Integer.MAX_VALUE, EMPTY);
    }

    private void add(int offset, int length, byte kind) {
      insertAt(count, offset, length, kind);
    }

    /** Appends a padding block of {@code size} bytes at the end. */
    void append(int size) {
      int last = count - 1;
      insertAt(last, offsets[last], size, PADDING);
      offsets[last + 1] += size;
    }

    private void insertAt(int index, int offset, int length, byte kind) {
      if (count == offsets.length) {
        offsets = Arrays.copyOf(offsets, count * 2);
        lengths = Arrays.copyOf(lengths, count * 2);
        kinds = Arrays.copyOf(kinds, count * 2);
      }
      System.arraycopy(offsets, index, offsets, index + 1, count - index);
      System.arraycopy(lengths, index, lengths, index + 1, count - index);
      System.arraycopy(kinds, index, kinds, index + 1, count - index);
      offsets[index] = offset;
      lengths[index] = length;
      kinds[index] = kind;
      count++;
    }

    private void removeAt(int index) {
      System.arraycopy(offsets, index + 1, offsets, index, count - index - 1);
      System.arraycopy(lengths, index + 1, lengths, index, count - index - 1);
      System.arraycopy(kinds, index + 1, kinds, index, count - index - 1);
      count--;
    }

    private boolean fits(int index, int size) {
      int adjustment = offsets[index] % size == 0 ? 0 : size - offsets[index] % size;
      return lengths[index] >= size + (long) adjustment;
    }

    /** Places a field of {@code size} bytes aligned to {@code size}, as FieldLayout::add does. */
    void place(int size) {
      int last = count - 1;
      int candidate = -1;
      // Walk back from the block before the tail; the first block (the header) is never a candidate.
      for (int i = appendOnly ? 0 : last - 1; i > 0; i--) {
        if (kinds[i] == EMPTY && fits(i, size) && (candidate < 0 || lengths[i] < lengths[candidate])) {
          candidate = i;
        }
      }
      if (candidate < 0) {
        candidate = last;
      }
      int misalignment = offsets[candidate] % size;
      if (misalignment != 0) {
        int adjustment = size - misalignment;
        insertAt(candidate, offsets[candidate], adjustment, EMPTY);
        candidate++;
        shrink(candidate, adjustment);
      }
      insertAt(candidate, offsets[candidate], size, FIELD);
      candidate++;
      shrink(candidate, size);
      if (lengths[candidate] == 0) {
        removeAt(candidate);
      }
    }

    private void shrink(int index, int by) {
      offsets[index] += by;
      if (lengths[index] != Integer.MAX_VALUE) {
        lengths[index] -= by;
      }
    }

    FieldLayout toLayout(boolean contended) {
      int fields = 0;
      for (int i = 0; i < count; i++) {
        if (kinds[i] == FIELD) {
          fields++;
        }
      }
      int[] starts = new int[fields];
      int[] sizes = new int[fields];
      int j = 0;
      for (int i = 0; i < count; i++) {
        if (kinds[i] == FIELD) {
          starts[j] = offsets[i];
          sizes[j] = lengths[i];
          j++;
        }
      }
      return new FieldLayout(starts, sizes, offsets[count - 1], contended);
    }
  }
}
