package dev.heapdiff.testdata.workload.diff;

import dev.heapdiff.testdata.truth.Workload;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded LRU cache ({@code LinkedHashMap} in access order, evicting its eldest entry beyond
 * {@value #CAPACITY}) is full before the first dump; the critical section keeps reading the even
 * half of the old entries while it puts {@value #PUT} new ones, so the odd half is evicted, then
 * each new entry once 2,000 newer ones came. New: {@value #NEW_SURVIVORS} {@code
 * LinkedHashMap$Entry}s; the other new entries were evicted and are garbage.
 */
public final class LruCacheEviction implements Workload {
  public static final int CAPACITY = 4_000;
  public static final int PUT = 10_000;
  public static final int NEW_SURVIVORS = CAPACITY - CAPACITY / 2;

  static final Map<Integer, String> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
      return size() > CAPACITY;
    }
  };

  @Override
  public void setup() {
    for (int k = 0; k < CAPACITY; k++) {
      CACHE.put(100_000 + k, "page " + k);
    }
  }

  @Override
  public void criticalSection() {
    for (int k = 0; k < CAPACITY; k += 2) {
      CACHE.get(100_000 + k);
    }
    for (int k = 0; k < PUT; k++) {
      CACHE.get(100_000 + (2 * k) % CAPACITY);
      CACHE.put(200_000 + k, "page " + (200_000 + k));
    }
  }
}
