package dev.heapdiff;

import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.internal.Bits;
import dev.heapdiff.internal.Classifier;
import dev.heapdiff.internal.Classifiers;
import dev.heapdiff.internal.ReferrerClassifier;
import dev.heapdiff.internal.ViaClassifier;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * An immutable set of live objects of one {@link Snapshot}. Printing it shows heapy's partition
 * table by class; the {@code by…} methods partition it other ways, and every row of a partition is
 * an {@code ObjectSet} again, so drill-down chains:
 *
 * <pre>{@code
 * snap.byClass().get(0).byReferrers().get(0).byId().get(0)
 * }</pre>
 */
public class ObjectSet {
  private final Snapshot snapshot;
  private final long[] bits;
  private volatile long size = -1;

  ObjectSet(Snapshot snapshot, long[] bits) {
    this.snapshot = snapshot;
    this.bits = bits;
  }

  /** The snapshot this set belongs to. */
  Snapshot owner() {
    return snapshot;
  }

  /** One bit per object index of the snapshot's graph. */
  long[] bits() {
    return bits != null ? bits : owner().analysis().live();
  }

  HeapGraph heapGraph() {
    return owner().analysis().graph();
  }

  /**
   * Returns the snapshot whose objects these are.
   *
   * @return the snapshot this set was made from, directly or through other sets; a snapshot returns itself
   */
  public Snapshot snapshot() {
    return owner();
  }

  /**
   * Returns the number of objects.
   *
   * @return 0 or more, counted anew on each call
   */
  public int count() {
    return Bits.count(bits());
  }

  /**
   * Returns whether the set has no objects.
   *
   * @return true if {@link #count()} is 0, found without counting
   */
  public boolean isEmpty() {
    for (long word : bits()) {
      if (word != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the sum of the objects' shallow sizes in bytes, as the JVM counts them.
   *
   * @return bytes, 0 or more, summed on the first call and kept
   */
  public long size() {
    long s = size;
    if (s < 0) {
      HeapGraph graph = heapGraph();
      long[] b = bits();
      s = 0;
      for (int i = Bits.next(b, 0); i >= 0; i = Bits.next(b, i + 1)) {
        s += graph.shallowSize(i);
      }
      size = s;
    }
    return s;
  }

  // Set algebra, within one snapshot.

  /**
   * Returns the objects of this set that are not in {@code other}. When {@code other} belongs to
   * another snapshot, these are the objects of this set whose counterpart in that snapshot is not in
   * {@code other}, or that have none: with whole snapshots, {@code after.minus(before)} is the set of
   * new objects (see {@link Snapshot#minus(Snapshot)}), and {@code
   * after.ofClass(Order.class).minus(before.ofClass(Order.class))} the new orders.
   *
   * @param other a set of this snapshot or of another one; two snapshots are matched once per pair
   * @return a new set of this set's snapshot
   */
  public ObjectSet minus(ObjectSet other) {
    Objects.requireNonNull(other, "other");
    if (other.owner() != owner()) {
      // A whole snapshot holds every partner the matching of live objects gives: no set to ask.
      long[] others = other.bits == null ? null : other.bits();
      return derive(owner().matchingWith(other.owner()).partnerNotIn(heapGraph(), bits(), others));
    }
    return derive(Bits.andNot(bits(), other.bits()));
  }

  /**
   * Returns the objects in both sets.
   *
   * @param other a set of the same snapshot
   * @return a new set of the same snapshot
   * @throws IllegalArgumentException if {@code other} belongs to another snapshot: only {@code minus} works across two
   */
  public ObjectSet and(ObjectSet other) {
    return derive(Bits.and(bits(), sameSnapshot(other, "and").bits()));
  }

  /**
   * Returns the objects in either set.
   *
   * @param other a set of the same snapshot
   * @return a new set of the same snapshot
   * @throws IllegalArgumentException if {@code other} belongs to another snapshot: only {@code minus} works across two
   */
  public ObjectSet or(ObjectSet other) {
    return derive(Bits.or(bits(), sameSnapshot(other, "or").bits()));
  }

  /**
   * Returns the objects in exactly one of the sets.
   *
   * @param other a set of the same snapshot
   * @return a new set of the same snapshot
   * @throws IllegalArgumentException if {@code other} belongs to another snapshot: only {@code minus} works across two
   */
  public ObjectSet xor(ObjectSet other) {
    return derive(Bits.xor(bits(), sameSnapshot(other, "xor").bits()));
  }

  private ObjectSet sameSnapshot(ObjectSet other, String operation) {
    Objects.requireNonNull(other, "other");
    if (other.owner() != owner()) {
      throw new IllegalArgumentException(operation + "() of sets from two snapshots (" + owner().file().getFileName()
          + " and " + other.owner().file().getFileName() + "): only minus() works across snapshots");
    }
    return other;
  }

  ObjectSet derive(long[] members) {
    return new ObjectSet(owner(), members);
  }

  // Selection.

  /**
   * Returns the objects whose class is {@code type}'s: of its name, from any class loader (a dump
   * does not say which of the JVM's loaders is which), and not its subclasses.
   *
   * @param type a class or an array class such as {@code int[].class}
   * @return a new set, empty if the dump has no class of that name
   * @throws IllegalArgumentException if {@code type} is an interface: a dump records each class's
   *     superclass but not the interfaces it implements, so no object is found by one
   */
  public ObjectSet ofClass(Class<?> type) {
    Objects.requireNonNull(type, "type");
    if (type.isInterface()) {
      throw new IllegalArgumentException(type.getName() + " is an interface: a heap dump does not record the"
          + " interfaces a class implements; name a class, with ofClass(name, true) for its subclasses");
    }
    return ofClass(type.getTypeName(), false);
  }

  /**
   * Returns the objects whose class has this Java name ({@code java.lang.String}, {@code int[]}).
   *
   * @param className the name as {@link dev.heapdiff.hprof.HeapClass#name()} spells it, with {@code $}
   *     for a nested class: {@code java.util.HashMap$Node}
   * @return a new set, of the classes of that name of every class loader; empty if there are none
   */
  public ObjectSet ofClass(String className) {
    return ofClass(className, false);
  }

  /**
   * Returns the objects of the named class, and of its subclasses if {@code withSubclasses}.
   * Classes of the same name from several class loaders all count.
   *
   * @param className the name as for {@link #ofClass(String)}
   * @param withSubclasses true to take also the objects of every class that has a class of that name
   *     among its superclasses
   * @return a new set, empty if no class matches
   */
  public ObjectSet ofClass(String className, boolean withSubclasses) {
    Objects.requireNonNull(className, "className");
    HeapGraph graph = heapGraph();
    boolean[] wanted = new boolean[graph.classes().size()];
    for (HeapClass c : graph.classes()) {
      for (HeapClass k = c; k != null; k = k.superclassIndex() < 0 ? null : graph.classes().get(k.superclassIndex())) {
        if (k.name().equals(className)) {
          wanted[c.index()] = true;
          break;
        }
        if (!withSubclasses) {
          break;
        }
      }
    }
    return derive(Bits.filter(bits(), i -> wanted[graph.classIndexOf(i)]));
  }

  /**
   * Returns the objects that satisfy {@code predicate}.
   *
   * @param predicate called once per object of the set, in the order of the dump
   * @return a new set of the objects it accepted
   */
  public ObjectSet filter(Predicate<HeapObject> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return derive(Bits.filter(bits(), i -> predicate.test(new HeapObject(owner(), i))));
  }

  /**
   * Returns the live objects that hold a reference to an object of this set.
   *
   * @return a new set, which may hold objects of this set too; class objects count, as holders of
   *     static fields, loaders and the like
   */
  public ObjectSet referrers() {
    HeapGraph graph = heapGraph();
    long[] live = owner().bits();
    long[] out = Bits.empty(graph.objectCount());
    long[] b = bits();
    for (int i = Bits.next(b, 0); i >= 0; i = Bits.next(b, i + 1)) {
      for (int r : graph.referrers(i)) {
        if (Bits.get(live, r)) {
          Bits.set(out, r);
        }
      }
    }
    return derive(out);
  }

  /**
   * Returns the live objects that an object of this set references.
   *
   * @return a new set, which may hold objects of this set too; an object's class is not among them
   *     unless it holds a reference to it
   */
  public ObjectSet referents() {
    HeapGraph graph = heapGraph();
    long[] live = owner().bits();
    long[] out = Bits.empty(graph.objectCount());
    long[] b = bits();
    for (int i = Bits.next(b, 0); i >= 0; i = Bits.next(b, i + 1)) {
      for (int k = 0, n = graph.referenceCount(i); k < n; k++) {
        int target = graph.reference(i, k);
        if (Bits.get(live, target)) {
          Bits.set(out, target);
        }
      }
    }
    return derive(out);
  }

  /**
   * Returns the only object of a set of one.
   *
   * @return the object
   * @throws IllegalStateException if the set has no objects or more than one
   */
  public HeapObject theOne() {
    int count = count();
    if (count != 1) {
      throw new IllegalStateException("theOne() needs a set of exactly one object; this one has " + count);
    }
    return new HeapObject(owner(), Bits.next(bits(), 0));
  }

  /**
   * Returns the objects, in the order of the dump.
   *
   * @return a sequential stream that finds the objects as it goes, each a new {@link HeapObject}
   */
  public Stream<HeapObject> stream() {
    long[] b = bits();
    return IntStream.iterate(Bits.next(b, 0), i -> i >= 0, i -> Bits.next(b, i + 1))
        .mapToObj(i -> new HeapObject(owner(), i));
  }

  /**
   * Returns the ids of the objects in increasing (address) order.
   *
   * @return a sequential stream that steps through every object of the snapshot in address order,
   *     keeping the ids of this set's
   */
  public java.util.stream.LongStream ids() {
    HeapGraph graph = heapGraph();
    long[] b = bits();
    return IntStream.range(0, graph.objectCount())
        .map(graph::objectAtIdRank)
        .filter(i -> Bits.get(b, i))
        .mapToLong(graph::id);
  }

  /**
   * Returns whether {@code object} (of this set's snapshot) is in the set.
   *
   * @param object an object of any snapshot
   * @return true if it is in this set; false for an object of another snapshot, even its counterpart
   */
  public boolean contains(HeapObject object) {
    return object.snapshot() == owner() && Bits.get(bits(), object.index());
  }

  // Partitions.

  /**
   * Partitions by class.
   *
   * @return heapy's table with a row per class name (classes of one name from several loaders share a
   *     row), header {@code Class}
   */
  public Partition byClass() {
    return partition(Classifiers.byClass(heapGraph()));
  }

  /**
   * Partitions by individual shallow size.
   *
   * @return a row per size in bytes, labelled with the plain number ({@code get("24")}), header
   *     {@code Individual Size}
   */
  public Partition bySize() {
    return partition(Classifiers.bySize(heapGraph()));
  }

  /**
   * Partitions by the package of the object's class (of the element class, for arrays).
   *
   * @return a row per package name, {@code <default package>} or {@code <primitive arrays>}, header
   *     {@code Package}
   */
  public Partition byPackage() {
    return partition(Classifiers.byPackage(heapGraph()));
  }

  /**
   * Partitions by the class loader that defined the object's class.
   *
   * @return a row per loader, {@code <bootstrap>} or the loader object as {@code class@0xid}, header
   *     {@code Class loader}
   */
  public Partition byClassLoader() {
    return partition(Classifiers.byClassLoader(heapGraph()));
  }

  /**
   * Lists the objects one per row, largest first, with a representation of each (heapy's {@code byid}).
   *
   * @return the listing, sorted when made; representations are computed only for the rows shown
   */
  public ObjectListing byId() {
    return ObjectListing.of(this);
  }

  /**
   * Partitions by the classes of the live objects that refer to each object (heapy's {@code byrcs}):
   * a row such as {@code java.util.HashMap$Node} or {@code example.Order, java.util.ArrayList}. A class
   * object that refers through a static field counts as {@code class com.acme.Cache}. Objects that no
   * live object refers to are {@value ReferrerClassifier#ROOT_ONLY} when a GC root holds them.
   *
   * @return a row per combination of referrer classes, header {@code Referrers by class}
   */
  public Partition byReferrers() {
    return partition(ReferrerClassifier.of(heapGraph(), bits(), owner().bits()));
  }

  /**
   * Partitions by the ways each object is held (heapy's {@code byvia}): the sorted set of
   * {@code .field} for instance fields, {@code []} for array slots, {@code static com.acme.Cache.INSTANCE}
   * for static fields, {@code <classloader>} and the like for other references of class objects, and
   * {@code root: Java frame} and the like for the GC roots that hold it.
   *
   * @return a row per combination of ways, joined by {@code ", "}, header {@code Referred via}
   */
  public Partition byVia() {
    return partition(ViaClassifier.of(heapGraph(), bits(), owner().bits()));
  }

  /**
   * Returns the shortest paths from GC roots to the nearest objects of this set, through live
   * objects: static fields count as roots, the referents of weak, soft, phantom and final references
   * do not count as references. Objects held only that way have no path.
   *
   * @return the paths, searched when this is called: their number is exact, each path is built when
   *     asked for
   */
  public ShortestPaths pathsFromRoots() {
    return ShortestPaths.to(this);
  }

  /**
   * Returns the referrers of this set condensed by class into a tree seven levels deep (heapy's
   * {@code rp}); see {@link ReferencePattern}.
   *
   * @return the pattern, whose nodes are made as they are printed, ten lines at a time
   */
  public ReferencePattern referencePattern() {
    return referencePattern(7);
  }

  /**
   * Returns the referrers of this set condensed by class into a tree {@code depth} levels deep.
   *
   * @param depth the levels of referrers below the set, 0 or more; at 0 the pattern is the set alone
   * @return the pattern, whose nodes are made as they are printed, ten lines at a time
   * @throws IllegalArgumentException if {@code depth} is negative
   */
  public ReferencePattern referencePattern(int depth) {
    return ReferencePattern.of(this, depth);
  }

  Partition partition(Classifier classifier) {
    return Partition.of(this, classifier);
  }

  /** Returns the set's table by class, as heapy prints a set. */
  @Override
  public String toString() {
    if (owner().isClosed()) {
      // Printed by jshell after every statement: a closed snapshot's set says so rather than throw.
      return "a set of closed snapshot " + owner().file().getFileName();
    }
    return byClass().toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectSet other && other.owner() == owner() && Arrays.equals(other.bits(), bits());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bits());
  }
}
