package dev.heapdiff.cli.demo;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * A toy order service for {@code heapdiff demo}, run in a child JVM: it takes orders, keeps every
 * one of them in a static list (the kind of cache that leaks), then dumps its own live heap.
 *
 * <p>Arguments: the dump file (must end in {@code .hprof}) and the number of orders.
 */
public final class OrderService {
  /** Every order ever taken; nothing removes them. */
  static final List<Order> ORDERS = new ArrayList<>();

  private OrderService() {}

  /** Takes the orders, then writes the live heap to {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    int orders = Integer.parseInt(args[1]);
    for (int i = 0; i < orders; i++) {
      take(i);
    }
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(args[0], true);
  }

  private static void take(int request) {
    String customer = "customer-" + (request % 1_000);
    ORDERS.add(new Order(request, customer, 1 + request % 7, 499 + 100L * (request % 20)));
  }
}
