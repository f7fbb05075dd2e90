package example.app;

import java.lang.ref.SoftReference;
import java.util.concurrent.CountDownLatch;

/**
 * Objects with known referrers and paths, held from static fields of this package (classes of
 * heapdiff's own packages are hidden from snapshots, so the tests cannot hold them).
 */
public final class Fixtures {
  public static final int CHAIN_LINKS = 1_000_000;
  public static final String HOLDER_THREAD = "paths-holder";

  /** A marker held by both fields of one pair: two paths. */
  public static Pair twice;
  /** The top of a diamond whose bottom is a marker: two paths. */
  public static Pair diamond;
  /** The first link of a chain whose last link's value is a marker: one path of CHAIN_LINKS + 1 objects. */
  public static Link chain;
  /** The only reference to a marker: a soft one, so it has no path. */
  public static SoftReference<Marker> softly;

  private static CountDownLatch release;
  private static Thread holder;

  private Fixtures() {}

  /** Builds every fixture; no local variable of the caller holds any of them afterwards. */
  public static void build() {
    Cache.INSTANCE = new Cache();
    for (int k = 0; k < Cache.KEYS.length; k++) {
      Cache.INSTANCE.map.put(Cache.KEYS[k], new Order(Cache.KEYS[k], k + 1));
    }
    Marker held = new Marker("twice");
    twice = new Pair(held, held);
    Marker bottom = new Marker("diamond");
    diamond = new Pair(new Pair(bottom, null), new Pair(null, bottom));
    chain = new Link();
    Link last = chain;
    for (int k = 1; k < CHAIN_LINKS; k++) {
      last.next = new Link();
      last = last.next;
    }
    last.value = new Marker("end of chain");
    softly = new SoftReference<>(new Marker("softly"));
  }

  /** Starts a thread that holds a marker in a local variable until {@link #stopHolding()}. */
  public static void startHolding() throws InterruptedException {
    CountDownLatch holding = new CountDownLatch(1);
    release = new CountDownLatch(1);
    CountDownLatch done = release;
    holder = new Thread(() -> hold(holding, done), HOLDER_THREAD);
    holder.setDaemon(true);
    holder.start();
    holding.await();
  }

  public static void stopHolding() throws InterruptedException {
    release.countDown();
    holder.join();
  }

  static void hold(CountDownLatch holding, CountDownLatch done) {
    Marker local = new Marker("held by a local variable");
    holding.countDown();
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (local.label.isEmpty()) {
      throw new IllegalStateException(); // keeps the local alive until here
    }
  }
}
