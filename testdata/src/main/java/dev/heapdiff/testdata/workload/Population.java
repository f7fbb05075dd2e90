package dev.heapdiff.testdata.workload;

import dev.heapdiff.testdata.DumpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A child-JVM program that builds a population of known size, then writes the class histogram,
 * a dump and the histogram again. Arguments: output directory, dump name, scale (1 = the counts
 * below).
 *
 * <p>Per scale unit: 10,000 {@link Order}, 10,000 {@link Item} (not counting subclasses), 5,000 {@link DiscountedItem}, 2,000
 * {@code long[100]}, 1,000 {@code Order[3]}, one {@code HashMap} of 10,000 entries.
 */
public final class Population {
  /** Kept reachable from a static field for the whole run. */
  static final List<Object> KEEP = new ArrayList<>();

  private Population() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String name = args[1];
    int scale = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    build(scale);
    DumpRequest.dumpWithHistograms(dir, name);
  }

  static void build(int scale) {
    Map<String, Order> byCustomer = new HashMap<>();
    for (int s = 0; s < scale; s++) {
      Order[] recent = null;
      for (int i = 0; i < 10_000; i++) {
        Order order = new Order("customer-" + s + "-" + i, i, i * 1.5, i % 2 == 0, (byte) i, (char) ('A' + i % 26));
        Item previous = null;
        int items = i % 2 == 0 ? 2 : 1;
        for (int k = 0; k < items; k++) {
          Item item = k == 0 && i % 2 == 0 ? new DiscountedItem(i * 10L + k, order, (short) (i % 50))
              : new Item(i * 10L + k, order);
          if (previous == null) {
            order.first = item;
          } else {
            previous.next = item;
          }
          previous = item;
        }
        byCustomer.put(order.customer, order);
        if (i % 10 == 0) {
          recent = new Order[3];
          KEEP.add(recent);
        }
        recent[i % 3] = order;
        if (i % 5 == 0) {
          KEEP.add(new long[100]);
        }
      }
    }
    KEEP.add(byCustomer);
  }
}
