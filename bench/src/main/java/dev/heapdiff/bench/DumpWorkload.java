package dev.heapdiff.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A child-JVM program that builds a realistic heap of about 16 million objects per unit of scale
 * (a ~700 MB dump) and dumps it, live objects only. Arguments: {@code --scale s}, the dump path and,
 * optionally, {@code --after path}: then the workload is changed a little ({@link #mutate}) and dumped
 * again to that path, from the same JVM, as a later dump of the same program would be.
 *
 * <p>Per unit of scale: a {@code HashMap} of 1,000,000 customer records (key {@code Long}, two
 * {@code String}s, an {@code ArrayList} of one to five boxed {@code Long}s, an {@code int[]}, an
 * address record), a {@code LinkedList} of a million boxed {@code Long}s, and four chains of
 * 250,000 links each (deep paths for graph walks). Contents come from a fixed seed.
 */
public final class DumpWorkload {
  static final long CUSTOMERS = 1_000_000;
  static final long LIST_ENTRIES = 1_000_000;
  static final int CHAINS = 4;
  static final long CHAIN_LENGTH = 250_000;
  /** Dump bytes per unit of scale that the workload aims at. */
  static final long EXPECTED_BYTES = 700_000_000L;

  record Address(String city, int zip) {}

  record Customer(long id, String name, String email, List<Long> orderIds, int[] scores, Address address) {}

  record Link(Link next, long value) {}

  /** Kept reachable from a static field until the dump is written. */
  static final List<Object> KEEP = new ArrayList<>();

  private DumpWorkload() {}

  public static void main(String[] args) throws IOException {
    double scale = 1;
    Path dump = null;
    Path after = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--scale")) {
        scale = Double.parseDouble(args[++i]);
      } else if (args[i].equals("--after")) {
        after = Path.of(args[++i]);
      } else {
        dump = Path.of(args[i]);
      }
    }
    if (dump == null) {
      throw new IllegalArgumentException("usage: DumpWorkload [--scale s] dump.hprof [--after later.hprof]");
    }
    build(scale);
    write(dump);
    long size = Files.size(dump);
    System.out.printf("wrote %s: %,d bytes%n", dump, size);
    checkSize(size, scale);
    if (after != null) {
      mutate(scale);
      write(after);
      System.out.printf("wrote %s: %,d bytes%n", after, Files.size(after));
      checkSize(Files.size(after), scale);
    }
  }

  /**
   * About 1% of the heap changes: every hundredth customer leaves and as many new ones arrive,
   * the oldest 1% of the list entries go and as many new ones are appended, and every hundredth
   * remaining customer gets one more order.
   */
  @SuppressWarnings("unchecked")
  static void mutate(double scale) {
    Random random = new Random(43);
    Map<Long, Customer> byId = (Map<Long, Customer>) KEEP.get(0);
    LinkedList<Long> recent = (LinkedList<Long>) KEEP.get(1);
    long customers = Math.round(CUSTOMERS * scale);
    Address address = byId.values().iterator().next().address();
    for (long i = 0; i < customers; i += 100) {
      byId.remove(1_000_000_000L + i * 7);
      long id = 3_000_000_000L + i * 7;
      List<Long> orderIds = new ArrayList<>(List.of(id * 10));
      byId.put(id, new Customer(id, "customer-account-" + Long.toString(id, 36), "n" + i + "@mail.example.org",
          orderIds, new int[] {random.nextInt(100), random.nextInt(100)}, address));
    }
    for (long i = 50; i < customers; i += 100) {
      Customer c = byId.get(1_000_000_000L + i * 7);
      if (c != null) {
        c.orderIds().add(c.id() * 10 + 9);
      }
    }
    long entries = Math.round(LIST_ENTRIES * scale);
    for (long i = 0; i < entries / 100; i++) {
      recent.removeFirst();
      recent.add(6_000_000_000L + i);
    }
  }

  static void build(double scale) {
    Random random = new Random(42);
    String[] cities = {"Lisbon", "Porto", "Oslo", "Bergen", "Turin", "Lyon", "Ghent", "Graz", "Cork", "Malmo"};
    List<Address> addresses = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      addresses.add(new Address(cities[i % cities.length], 1_000 + i));
    }
    long customers = Math.round(CUSTOMERS * scale);
    Map<Long, Customer> byId = new HashMap<>();
    for (long i = 0; i < customers; i++) {
      long id = 1_000_000_000L + i * 7;
      int orders = 1 + random.nextInt(5);
      List<Long> orderIds = new ArrayList<>(orders);
      for (int k = 0; k < orders; k++) {
        orderIds.add(id * 10 + k);
      }
      int[] scores = new int[2 + random.nextInt(4)];
      for (int k = 0; k < scores.length; k++) {
        scores[k] = random.nextInt(100);
      }
      String name = "customer-account-" + Long.toString(id, 36) + "-" + random.nextInt(1_000);
      String email = "c" + i + "@mail.example" + (i % 97) + ".org";
      byId.put(id, new Customer(id, name, email, orderIds, scores, addresses.get(random.nextInt(addresses.size()))));
    }
    KEEP.add(byId);

    LinkedList<Long> recent = new LinkedList<>();
    long entries = Math.round(LIST_ENTRIES * scale);
    for (long i = 0; i < entries; i++) {
      recent.add(5_000_000_000L + i);
    }
    KEEP.add(recent);

    long length = Math.round(CHAIN_LENGTH * scale);
    for (int c = 0; c < CHAINS; c++) {
      Link head = null;
      for (long i = 0; i < length; i++) {
        head = new Link(head, i);
      }
      KEEP.add(head);
    }
  }

  /** Dumps this JVM's live objects to a temporary name, makes it owner-only, then moves it in place. */
  static void write(Path dump) throws IOException {
    Path dir = dump.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path partial = dir.resolve(dump.getFileName() + ".partial-" + ProcessHandle.current().pid() + ".hprof");
    Files.deleteIfExists(partial);
    try {
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(partial.toString(), true);
      try {
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: keep the platform's default permissions.
      }
      Files.move(partial, dump, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** Fails if the dump is far from the size the workload aims at (a workload or JVM change). */
  static void checkSize(long size, double scale) {
    long expected = Math.round(EXPECTED_BYTES * scale);
    if (size < expected * 0.7 || size > expected * 1.4) {
      throw new IllegalStateException(String.format(
          "dump is %,d bytes, expected about %,d for scale %s", size, expected, scale));
    }
  }
}
