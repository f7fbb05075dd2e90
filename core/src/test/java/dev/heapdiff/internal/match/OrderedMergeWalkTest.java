package dev.heapdiff.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The walks of the address-order merge on keys alone: what they propose is one-to-one and of equal keys. */
class OrderedMergeWalkTest {
  /** A key that is an anchor candidate (top bits 0) or not, by {@code anchor}. */
  private static long key(long v, boolean anchor) {
    long h = MatchSide.mix(v);
    return anchor ? h >>> 6 : h | 0xFC00_0000_0000_0000L;
  }

  private static void check(long[] a, long[] b) {
    OrderedMerge.Anchors anchors = new OrderedMerge.Anchors(a, b);
    for (boolean forwards : new boolean[] {true, false}) {
      int[] out = OrderedMerge.walk(a, b, anchors, forwards);
      assertThat(out).hasSize(a.length);
      boolean[] taken = new boolean[b.length];
      for (int i = 0; i < a.length; i++) {
        int p = out[i];
        if (p < 0) {
          assertThat(p).isEqualTo(-1);
          continue;
        }
        assertThat(p).isLessThan(b.length);
        assertThat(a[i]).as("key at %d and %d (forwards %s)", i, p, forwards).isEqualTo(b[p]);
        assertThat(taken[p]).as("%d of b proposed twice (forwards %s)", p, forwards).isFalse();
        taken[p] = true;
      }
    }
  }

  @Test
  void emptyAndSingleObjects() {
    long x = key(1, true);
    long y = key(2, false);
    check(new long[0], new long[0]);
    check(new long[] {x}, new long[0]);
    check(new long[0], new long[] {x});
    check(new long[] {x}, new long[] {x});
    check(new long[] {x}, new long[] {y});
    check(new long[] {x, x}, new long[] {x});
    check(new long[] {x}, new long[] {x, x});
    check(new long[] {y, x}, new long[] {x, y});
  }

  @Test
  void randomKeysFromSmallAlphabets() {
    Random random = new Random(42);
    for (int round = 0; round < 3000; round++) {
      int na = random.nextInt(60);
      int nb = random.nextInt(60);
      int alphabet = 1 + random.nextInt(8);
      long[] a = new long[na];
      long[] b = new long[nb];
      for (int i = 0; i < na; i++) {
        int v = random.nextInt(alphabet);
        a[i] = key(v, v % 2 == 0);
      }
      for (int i = 0; i < nb; i++) {
        int v = random.nextInt(alphabet);
        b[i] = key(v, v % 2 == 0);
      }
      check(a, b);
    }
  }

  @Test
  void editedAndMovedBlocks() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      int n = 500 + random.nextInt(4000);
      long[] base = new long[n];
      for (int i = 0; i < n; i++) {
        // Mostly distinct keys, some repeated, one in eight an anchor candidate.
        long v = random.nextInt(10) == 0 ? random.nextInt(20) : i + 100;
        base[i] = key(v, random.nextInt(8) == 0);
      }
      long[] other = base.clone();
      // Move a block to the end, edit a few, drop a few.
      int from = random.nextInt(n);
      int to = Math.min(n, from + random.nextInt(2000));
      long[] moved = new long[n];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (i < from || i >= to) {
          moved[k++] = other[i];
        }
      }
      for (int i = from; i < to; i++) {
        moved[k++] = other[i];
      }
      for (int e = 0; e < 20; e++) {
        moved[random.nextInt(n)] = key(random.nextInt(1_000_000) + 10_000_000, random.nextBoolean());
      }
      long[] shorter = Arrays.copyOf(moved, n - random.nextInt(50));
      check(base, shorter);
      check(shorter, base);
    }
  }

  @Test
  void anAnchorBehindTheWalkAfterAJumpBackThatRanOffTheEndOfBMustRunLongToStand() {
    // b: Y X W P1 P2 T1 T2. The walk pairs P1 P2, meets fillers, jumps back to anchor X (behind it),
    // pairs X W, skips the used P1 P2 to T1 T2 and so runs off the end of b: a short run, undone,
    // and the walk is back where it was in b (at T1). The next anchor, Y, lies behind that too: its
    // run (one pair) must not stand either.
    long y = key(1, true);
    long x = key(2, true);
    long w = key(3, false);
    long p1 = key(4, false);
    long p2 = key(5, false);
    long t1 = key(6, false);
    long t2 = key(7, false);
    long g = key(8, false);
    long f = key(9, false);
    long[] b = {y, x, w, p1, p2, t1, t2};
    long[] a = new long[2 + 20 + 9];
    int n = 0;
    a[n++] = p1;
    a[n++] = p2;
    for (int k = 0; k < 20; k++) {
      a[n++] = key(100 + k, false);
    }
    a[n++] = x;
    a[n++] = w;
    a[n++] = p1;
    a[n++] = p2;
    a[n++] = t1;
    a[n++] = t2;
    a[n++] = g;
    int atY = n;
    a[n++] = y;
    a[n++] = f;
    check(a, b);
    int[] out = OrderedMerge.walk(a, b, new OrderedMerge.Anchors(a, b), true);
    assertThat(out[0]).isEqualTo(3);
    assertThat(out[22]).as("x, a short run back, undone").isEqualTo(-1);
    assertThat(out[atY]).as("y, behind the walk in b, its run one pair").isEqualTo(-1);
  }
}
