package dev.heapdiff.testdata.truth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The right answer to {@code after.minus(before)} for two dumps of one JVM under {@link
 * Collector#EPSILON}, where an id is an identity: the live objects of {@code after} whose id is not
 * among the live objects of {@code before} ({@link #newIds()}), and the other way round ({@link
 * #goneIds()}). "Live" is what a GC root reaches: Epsilon keeps every dead object, and a real
 * collector would have freed them (an object dead in {@code before} that a root reaches again in
 * {@code after}, such as an interned string the string table still held, counts as new, as it
 * would be after a real collection).
 *
 * <p>Computed here, in {@code testdata}, with its own small HPROF walker rather than with {@code
 * hprof-reader}'s {@code HeapGraph}: the answer key must not share code (and bugs) with the reader
 * whose graph the matcher under test runs on; the id rewriting needs a walker that knows every id
 * slot anyway, and both use the same one ({@code SubRecords}), so what is followed for reachability
 * is exactly what is rewritten; and {@code testdata} is the one module every test module can use
 * (the reader's tests cross-check this walker's reachability against {@code HeapGraph}'s).
 */
public final class GroundTruth {
  private final DumpPair pair;
  private final long[] liveBefore;
  private final long[] liveAfter;
  private final long[] newIds;
  private final long[] goneIds;
  private final Map<String, Integer> newByClass;
  private final Map<String, Integer> goneByClass;
  private final HeapIndex beforeIndex;
  private final HeapIndex afterIndex;

  private GroundTruth(DumpPair pair, HeapIndex before, HeapIndex after) throws IOException {
    this.pair = pair;
    this.beforeIndex = before;
    this.afterIndex = after;
    this.liveBefore = before.liveIdsAscending();
    this.liveAfter = after.liveIdsAscending();
    this.newIds = minus(liveAfter, liveBefore);
    this.goneIds = minus(liveBefore, liveAfter);
    checkSameClasses(before, after);
    this.newByClass = countByClass(after, newIds);
    this.goneByClass = countByClass(before, goneIds);
  }

  /** Computes the truth for a pair of dumps written under {@link Collector#EPSILON}. */
  public static GroundTruth of(DumpPair pair) throws IOException {
    if (pair.collector() != Collector.EPSILON) {
      throw new IllegalArgumentException("ids are identities only under Epsilon, not " + pair.collector());
    }
    return new GroundTruth(pair, HeapIndex.read(pair.before()), HeapIndex.read(pair.after()));
  }

  /** Computes the truth for two dump files of one JVM that never moved an object. */
  public static GroundTruth of(Path before, Path after) throws IOException {
    return of(new DumpPair("?", Collector.EPSILON, before, after));
  }

  /** Returns the ids (ascending) of the objects a GC root reaches in {@code dump}. */
  public static long[] liveIds(Path dump) throws IOException {
    return HeapIndex.read(dump).liveIdsAscending();
  }

  /** Returns the dumps this truth is about. */
  public DumpPair pair() {
    return pair;
  }

  /** Returns the ids (ascending) of the objects of {@code after} that did not exist in {@code before}. */
  public long[] newIds() {
    return newIds.clone();
  }

  /** Returns the ids (ascending) of the objects of {@code before} that no longer exist in {@code after}. */
  public long[] goneIds() {
    return goneIds.clone();
  }

  /** Returns the number of live objects in {@code before}. */
  public int liveBeforeCount() {
    return liveBefore.length;
  }

  /** Returns the number of live objects in {@code after}. */
  public int liveAfterCount() {
    return liveAfter.length;
  }

  /** Returns the new objects counted by Java class name ({@code java.lang.Class} for classes), most first. */
  public Map<String, Integer> newByClass() {
    return newByClass;
  }

  /** Returns the gone objects counted by Java class name, most first. */
  public Map<String, Integer> goneByClass() {
    return goneByClass;
  }

  /** Returns the names of the classes whose {@code Class} objects are new (loaded in between), sorted. */
  public List<String> newClassNames() {
    List<String> names = new ArrayList<>();
    for (long id : newIds) {
      int object = afterIndex.indexOf(id);
      if (afterIndex.tag(object) == SubRecords.CLASS_DUMP) {
        names.add(afterIndex.nameOfClass(id));
      }
    }
    Collections.sort(names);
    return names;
  }

  /** Returns the number of new objects of class {@code className} (exactly that class, not subclasses). */
  public int newCount(String className) {
    return newByClass.getOrDefault(className, 0);
  }

  /** Returns the class name of a live object of {@code after}, by its original id, or null if there is none. */
  public String classNameInAfter(long id) {
    int object = afterIndex.indexOf(id);
    return object < 0 ? null : afterIndex.className(object);
  }

  /** Returns the class name of a live object of {@code before}, by its original id, or null if there is none. */
  public String classNameInBefore(long id) {
    int object = beforeIndex.indexOf(id);
    return object < 0 ? null : beforeIndex.className(object);
  }

  /** Returns {@code a \ b} for ascending arrays. */
  static long[] minus(long[] a, long[] b) {
    Longs out = new Longs();
    int j = 0;
    for (long x : a) {
      while (j < b.length && b[j] < x) {
        j++;
      }
      if (j == b.length || b[j] != x) {
        out.add(x);
      }
    }
    return out.toArray();
  }

  /** Epsilon never moves an object, so an id live in both dumps names an object of one class in both. */
  private void checkSameClasses(HeapIndex before, HeapIndex after) {
    int j = 0;
    for (long id : liveBefore) {
      while (j < liveAfter.length && liveAfter[j] < id) {
        j++;
      }
      if (j < liveAfter.length && liveAfter[j] == id) {
        String was = before.className(before.indexOf(id));
        String is = after.className(after.indexOf(id));
        if (!was.equals(is)) {
          throw new IllegalStateException(String.format("id 0x%x is a %s in %s and a %s in %s: objects moved, so"
              + " ids are not identities (was the JVM run with Epsilon?)", id, was, pair.before(), is, pair.after()));
        }
      }
    }
  }

  private static Map<String, Integer> countByClass(HeapIndex index, long[] ids) {
    Map<String, Integer> counts = new HashMap<>();
    for (long id : ids) {
      counts.merge(index.className(index.indexOf(id)), 1, Integer::sum);
    }
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : sorted) {
      out.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  /** The counts, then the ten classes with the most new objects. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append(String.format("Ground truth for %s: %,d live objects before, %,d after; %,d new, %,d gone.%n",
        pair.workload(), liveBefore.length, liveAfter.length, newIds.length, goneIds.length));
    s.append(String.format("%8s  %s%n", "New", "Class"));
    int rows = 0;
    for (Map.Entry<String, Integer> e : newByClass.entrySet()) {
      if (rows++ == 10) {
        s.append(String.format("<%d more classes>%n", newByClass.size() - 10));
        break;
      }
      s.append(String.format("%,8d  %s%n", e.getValue(), e.getKey()));
    }
    return s.toString();
  }
}
