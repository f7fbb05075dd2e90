package dev.heapdiff;

import dev.heapdiff.internal.Bits;
import dev.heapdiff.internal.PathSearch;
import dev.heapdiff.report.HeapyText;

/**
 * The shortest paths from GC roots to the nearest objects of a set (heapy's {@code sp}), through
 * live objects. Static fields count as roots. Weak, soft, phantom and final references do not: the
 * {@code referent} field of {@code java.lang.ref.Reference} is never followed, so an object held
 * only that way has no path.
 *
 * <p>{@link #count()} is the exact number of distinct shortest paths, counted without listing them;
 * {@link #get(long)} builds any one of them. Printing shows the first ten, as heapy does:
 *
 * <pre>
 *  0: Root(static) com.acme.Cache.INSTANCE .map .table[17] .value -&gt; com.acme.Order@0x7f3a1c0
 *  1: Root(static) com.acme.Cache.INSTANCE .map .table[3] .value -&gt; com.acme.Order@0x7f3a1e8
 * &lt;2 more paths: .more() shows them.&gt;
 * </pre>
 */
public final class ShortestPaths {
  private final Snapshot snapshot;
  private final PathSearch search;
  private final long from;
  private final boolean all;

  private ShortestPaths(Snapshot snapshot, PathSearch search, long from, boolean all) {
    this.snapshot = snapshot;
    this.search = search;
    this.from = from;
    this.all = all;
  }

  static ShortestPaths to(ObjectSet set) {
    Snapshot snapshot = set.owner();
    return new ShortestPaths(snapshot, PathSearch.run(set.heapGraph(), snapshot.bits(), set.bits()), 0, false);
  }

  /**
   * Returns the number of shortest paths; {@code Long.MAX_VALUE} if there are that many or more.
   *
   * @return the number counted when the paths were searched, 0 if no path leads to the set
   */
  public long count() {
    return search.count();
  }

  /**
   * Returns whether no path leads to any object of the set.
   *
   * @return true if {@link #count()} is 0: the set is empty, or held only through weak, soft, phantom
   *     or final references
   */
  public boolean isEmpty() {
    return search.count() == 0;
  }

  /**
   * Returns the number of objects on each path (they are equally long), or 0 if there is none.
   *
   * @return {@link RootPath#length()} of every path, 1 when a root holds a target itself
   */
  public int length() {
    return search.length();
  }

  /**
   * Returns the objects of the set that the paths lead to: those nearest to a root.
   *
   * @return a new set of the snapshot, part of the set the paths were searched for
   */
  public ObjectSet targets() {
    long[] bits = Bits.empty(snapshot.graph().objectCount());
    for (int t : search.targets()) {
      Bits.set(bits, t);
    }
    return snapshot.derive(bits);
  }

  /**
   * Returns path number {@code index}; negative numbers count from the end ({@code -1} is the last
   * path), as a partition's rows do.
   *
   * @param index from 0 to {@code count() - 1}, or from -1 to {@code -count()}
   * @return the path, built when asked for
   * @throws IndexOutOfBoundsException if there is no such path (the message names the index and the
   *     number of paths), or if {@code index} is negative and the paths are too many to count
   *     ({@link #count()} is {@code Long.MAX_VALUE})
   */
  public RootPath get(long index) {
    long total = count();
    if (index < 0 && total == Long.MAX_VALUE) {
      throw new IndexOutOfBoundsException("path " + index + " from the end of at least " + total
          + " paths: too many to count, so only numbers from 0 name a path");
    }
    PathSearch.Found found = search.path(RowIndex.resolve(index, total, "path"));
    return new RootPath(snapshot, search.roots().label(found.root()), found);
  }

  /**
   * Returns the same paths showing those after the ones this shows, ten at a time, as heapy's
   * {@code _.more}; past the last it shows {@code <no more paths>}.
   *
   * @return new paths over the same search; this one is unchanged, so calling {@code more()} on it
   *     again gives the same page
   */
  public ShortestPaths more() {
    return new ShortestPaths(snapshot, search, end(), false);
  }

  /** The number of the first path this does not show. */
  private long end() {
    long total = count();
    if (all) {
      return Math.min(total, from + MAX_ALL);
    }
    return total - from <= HeapyText.PAGE_ROWS + 1 ? total : from + HeapyText.PAGE_ROWS;
  }

  /**
   * The most paths {@link #all()} prints: the paths to an object can be more than any text holds
   * (2^40 to one object of a bench dump), and the rest is left to {@code more()}.
   */
  public static final int MAX_ALL = 10_000;

  /**
   * Returns the same paths showing every one when printed, at most {@link #MAX_ALL}.
   *
   * @return new paths over the same search; its {@code more()} goes on after the last one printed
   */
  public ShortestPaths all() {
    return new ShortestPaths(snapshot, search, 0, true);
  }

  /**
   * Returns ten paths, one a line as {@code " 0: Root(...) .field[3] -> class@0xid"}, then how many
   * more there are; a page never leaves a single path for the next one.
   */
  @Override
  public String toString() {
    long total = count();
    if (total == 0) {
      return "<no paths from GC roots>";
    }
    if (from >= total) {
      return "<no more paths>";
    }
    long to = end();
    StringBuilder out = new StringBuilder();
    for (long i = from; i < to; i++) {
      out.append(String.format("%2d: ", i)).append(get(i)).append('\n');
    }
    if (to < total) {
      String more = total == Long.MAX_VALUE ? "at least " + (total - to) : String.valueOf(total - to);
      out.append('<').append(more).append(" more paths: .more() shows them.>\n");
    }
    out.setLength(out.length() - 1); // no final line break: jshell and println add one
    return out.toString();
  }
}
