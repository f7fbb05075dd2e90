package example.app;

import dev.heapdiff.Heap;
import dev.heapdiff.ObjectSet;
import dev.heapdiff.Snapshot;

/**
 * A program that looks at its first snapshot (a table, a diff) before it makes {@link #ITEMS} items
 * and takes another, as a developer does in jshell: prints how many objects are new and how many of
 * them are its items, then the table of the new objects.
 */
public final class LookingBetweenSnapshots {
  public static final int ITEMS = 300;
  private static final Object[] KEEP = new Object[ITEMS];

  /** What the program makes. */
  public static final class Item {
    final int number;

    Item(int number) {
      this.number = number;
    }
  }

  private LookingBetweenSnapshots() {}

  public static void main(String[] args) throws java.io.IOException {
    try (Snapshot first = Heap.snapshot(); Snapshot second = Heap.snapshot()) {
      String look = second.byClass().toString() + second.minus(first).byClass() + second.byId();
      for (int k = 0; k < ITEMS; k++) {
        KEEP[k] = new Item(k);
      }
      try (Snapshot third = Heap.snapshot()) {
        ObjectSet fresh = third.minus(second);
        System.out.println("new " + fresh.count() + " items " + fresh.ofClass(Item.class).count() + " looked "
            + (look.length() > 0));
        System.out.println(fresh.byClass().all());
      }
    }
  }
}
