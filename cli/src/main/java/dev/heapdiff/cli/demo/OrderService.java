package dev.heapdiff.cli.demo;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A toy service with a leak, run by {@code heapdiff demo} in a child JVM. It keeps the last 1,000
 * orders for display (older ones are dropped: no leak), and records every order in an audit map
 * that nothing ever clears (the leak). It takes 1,000 orders, dumps its heap, takes more, dumps
 * again. Arguments: the directory for {@code before.hprof} and {@code after.hprof}, the number of
 * orders between the dumps.
 */
public final class OrderService {
  /** The most recent orders, for display; bounded. */
  static final Deque<Order> RECENT = new ArrayDeque<>();
  /** Every order ever taken, by id: nothing removes them. */
  static final Map<String, Order> AUDIT = new HashMap<>();

  private static final int RECENT_LIMIT = 1_000;

  private OrderService() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int requests = Integer.parseInt(args[1]);
    HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    for (int i = 0; i < RECENT_LIMIT; i++) {
      take(i);
    }
    bean.dumpHeap(dir.resolve("before.hprof").toString(), true);
    for (int i = RECENT_LIMIT; i < RECENT_LIMIT + requests; i++) {
      take(i);
    }
    bean.dumpHeap(dir.resolve("after.hprof").toString(), true);
  }

  private static void take(int request) {
    Order order = new Order(request, "customer-" + (request % 1_000), 1 + request % 7, 499 + 100L * (request % 20));
    RECENT.addLast(order);
    if (RECENT.size() > RECENT_LIMIT) {
      RECENT.removeFirst();
    }
    AUDIT.put("order-" + request, order);
  }
}
