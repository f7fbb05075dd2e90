package dev.heapdiff.internal.match;

import dev.heapdiff.hprof.FieldDescriptor;
import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapField;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectLayout;
import dev.heapdiff.hprof.ObjectKind;
import dev.heapdiff.hprof.ValueType;
import dev.heapdiff.internal.Bits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One dump as the matcher sees it: its live objects with their reference slots (field by field,
 * element by element, nulls kept, so that slot {@code k} of two objects of one class is the same
 * field), the incoming references with the slot that holds them, a hash of each object's own
 * contents, and the partner each object has been given in the other dump so far.
 */
final class MatchSide {
  /** Classes whose instances never change: a pair of them must have equal contents. */
  private static final Set<String> IMMUTABLE = Set.of("java.lang.String", "java.lang.Integer", "java.lang.Long",
      "java.lang.Short", "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.Float",
      "java.lang.Double", "java.math.BigInteger", "java.math.BigDecimal", "java.util.UUID");
  /** Fields that collections rewrite on every insert, removal and rebalancing: weak evidence. */
  private static final Set<String> LINKS = Set.of("next", "prev", "previous", "left", "right", "parent", "before",
      "after", "succ", "pred", "head", "tail", "first", "last", "nextNode", "prevNode");

  /**
   * Names of primitive fields that count what a collection holds or how often it changed (in any
   * class, by name): they change with every element added ({@link Evidence}'s own parts weigh a
   * difference in them by half).
   */
  private static final Set<String> COUNTERS = Set.of("size", "modCount", "count", "elementCount", "baseCount");

  /** How many objects must hold a referent for it to be popular ({@link #popular}). */
  static final int POPULAR = 64;

  final HeapGraph graph;
  /** One bit per object of this side (local index), set for the live ones. */
  final long[] live;
  final int count;
  /**
   * The graph indexes of this side's objects, by local index; null when this side holds every
   * object of the graph, with local and graph indexes the same.
   */
  private final int[] members;
  /**
   * With members, an open-addressing table from graph index to local index: keys {@code
   * localKeys} (graph index + 1, 0 for an empty slot) and values {@code localValues}; null when
   * {@link #members} is. A few entries per member, not one per object of the graph: the members are
   * usually a small part of it, and fresh memory is slow.
   */
  private final int[] localKeys;
  private final int[] localValues;
  /** With members, one bit per object of the graph, set for the members; else null. */
  private final long[] isMember;
  /** Per object (local), whether the whole graph holds it from more than {@link #POPULAR} objects; or null. */
  private final long[] popularBits;
  /** With members, the objects (local) that hold a live object that is not one; else null. */
  private final long[] holdsOutside;
  /** Slots of object i: slots[slotStart[i] .. slotStart[i+1]), -1 for null or a dead object. */
  final int[] slotStart;
  final int[] slots;
  /** Live referrers of object i with the slot that holds it: inFrom/inSlot[inStart[i] .. inStart[i+1]). */
  final int[] inStart;
  final int[] inFrom;
  final int[] inSlot;
  /**
   * Hash of an object's own contents ({@link HeapGraph#contentHash}: primitive fields, primitive
   * array elements, array length); a string's also of its value's.
   */
  final long[] content;
  /** Per class: whether its instances are immutable values. */
  final boolean[] immutable;
  /**
   * Per class: the weight of agreement and of disagreement of each reference slot of its instances
   * (for arrays: one entry), their prior stability, and the weight of a disagreement in each
   * primitive field; learned as pairs are made ({@link Stability}).
   */
  final float[][] agree;
  final float[][] disagree;
  final double[][] prior;
  final float[][] primitiveDisagree;
  /** Per class, which primitive fields (in {@link #primitiveValues} order) are {@link #COUNTERS}. */
  final boolean[][] counter;
  /**
   * Per class of arrays of references: whether none of many pairs of its arrays shows an element
   * changed ({@link Stability}), so that arrays of it that differ are taken to be different arrays.
   */
  final boolean[] invariantElements;
  /** The most primitive fields an instance of any class has. */
  final int maxPrimitiveFields;
  /** Per object, its {@link ObjectKind} ordinal. */
  final byte[] kinds;
  /**
   * Per object, a hash of its paired class, kind, number of slots and contents, and of the class
   * name and contents of each referent, slot by slot; or, for an object held by more than one
   * referrer, a class object or a dead object, a sentinel that differs between the two sides (and
   * from every key; bit {@link #LEAF} of a key says the object has no reference slots). Two
   * unmatched objects with equal keys, each held only in the same slot of a matched pair, are
   * paired at once by the sweep.
   */
  final long[] sweepKey;
  /** The bit of a {@link #sweepKey} that says the object has no reference slots. */
  static final long LEAF = 1;
  /** The index of the matched object in the other dump, or -1. */
  final int[] partner;
  int matched;
  /**
   * The unmatched live objects at the last colour refinement, in index order (null before the
   * first), and the objects whose pairs were undone since: every unmatched object is in one of the
   * two, so later refinements and ties need not look at every object again.
   */
  int[] lastUnmatched;
  final IntList unmatchedSince = new IntList(16);

  /**
   * A side of every object of {@code graph}, local indexes the graph's own.
   *
   * @param live one bit per object of the graph, set for the objects to match
   * @param classKeys per class, a key that the paired class of the other dump shares and no other
   * @param sideA whether this is the side weighed one by one (for the sentinel of {@link #sweepKey})
   */
  MatchSide(HeapGraph graph, long[] live, long[] classKeys, boolean sideA, String[] pseudoStatics) {
    this(graph, live, null, null, classKeys, sideA, pseudoStatics);
  }

  /**
   * A side of some objects of {@code graph}: {@code members}, in the order of their local indexes
   * (local index {@code k} is graph index {@code members[k]}), or every object when null. A slot
   * that holds an object outside the members reads as null, and only members count as referrers.
   *
   * @param liveInGraph one bit per object of the graph (graph indexes), set for the objects to match
   * @param members the graph indexes of this side's objects, each once; or null for all of them
   * @param popular with {@code members}, one bit per member (local indexes), set for those that the
   *     whole graph holds from more than {@link #POPULAR} objects, which members alone cannot count;
   *     or null, to count the members' references only. Ignored without {@code members}
   * @param classKeys per class, a key that the paired class of the other dump shares and no other
   * @param sideA whether this is the side weighed one by one (for the sentinel of {@link #sweepKey})
   */
  MatchSide(HeapGraph graph, long[] liveInGraph, int[] members, long[] popular, long[] classKeys, boolean sideA,
      String[] pseudoStatics) {
    this.graph = graph;
    this.members = members;
    if (members == null) {
      this.live = liveInGraph;
      this.count = graph.objectCount();
      this.localKeys = null;
      this.localValues = null;
      this.isMember = null;
      this.popularBits = null;
    } else {
      this.count = members.length;
      if (count > 1 << 29) {
        throw new IllegalStateException("more than 2^29 members: too many to match as a part of a dump");
      }
      int capacity = Integer.highestOneBit(Math.max(16, count * 3));
      this.localKeys = new int[capacity];
      this.localValues = new int[capacity];
      this.isMember = Bits.empty(graph.objectCount());
      this.live = Bits.empty(count);
      indexMembers(liveInGraph);
      this.popularBits = popular;
    }
    List<HeapClass> classes = graph.classes();
    this.immutable = new boolean[classes.size()];
    this.agree = new float[classes.size()][];
    this.disagree = new float[classes.size()][];
    this.prior = new double[classes.size()][];
    this.primitiveDisagree = new float[classes.size()][];
    this.counter = new boolean[classes.size()][];
    this.invariantElements = new boolean[classes.size()];
    int stringClass = -1;
    int stringValueSlot = -1;
    int maxFields = 0;
    for (HeapClass c : classes) {
      immutable[c.index()] = IMMUTABLE.contains(c.name());
      List<String> refNames = referenceFieldNames(graph, c);
      int n = Math.max(1, refNames.size());
      double[] p = new double[n];
      Arrays.fill(p, Stability.PRIOR);
      for (int k = 0; k < refNames.size(); k++) {
        if (LINKS.contains(refNames.get(k))) {
          p[k] = Stability.LINK_PRIOR;
        }
      }
      prior[c.index()] = p;
      agree[c.index()] = new float[n];
      disagree[c.index()] = new float[n];
      for (int k = 0; k < n; k++) {
        agree[c.index()][k] = Stability.agreement(p[k]);
        disagree[c.index()][k] = Stability.disagreement(p[k]);
      }
      List<String> primNames = primitiveFieldNames(graph, c);
      float[] prim = new float[primNames.size()];
      Arrays.fill(prim, 1f);
      primitiveDisagree[c.index()] = prim;
      boolean[] counting = new boolean[primNames.size()];
      for (int f = 0; f < counting.length; f++) {
        counting[f] = COUNTERS.contains(primNames.get(f));
      }
      counter[c.index()] = counting;
      maxFields = Math.max(maxFields, prim.length);
      if (c.name().equals("java.lang.String") && stringClass < 0) {
        stringClass = c.index();
        stringValueSlot = refNames.indexOf("value");
      }
    }

    this.maxPrimitiveFields = maxFields;
    int[] start = new int[count + 1];
    kinds = new byte[count];
    content = new long[count];
    // Slots counted first, so that one array holds them all: at 16M objects a growing array's copies
    // and slack cost hundreds of MB of fresh memory, and fresh memory is slow. An object array's
    // length is bounded from its shallow size (a few slots too many at most), without reading the
    // dump: its record is read once, below.
    long slotCount = kindsAndSlotCount(graph.layout(), pseudoStatics.length);
    if (slotCount > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("more than 2^31 reference slots: too many to match");
    }
    int[] all = new int[(int) slotCount];
    // Per class, its name mixed: a sweep key takes each referent's with its contents.
    long[] names = new long[classes.size()];
    for (HeapClass c : classes) {
      names[c.index()] = mix(c.name().hashCode() + 0x632BE59BD9B4E019L);
    }
    IntList stringObjects = new IntList(1024);
    // With members: the objects that hold a live object that is not one (local).
    if (members != null) {
      holdsOutside = Bits.empty(count);
    } else {
      holdsOutside = null;
    }
    all = readObjects(start, all, pseudoStatics, liveInGraph, stringObjects, stringClass);
    this.slotStart = start;
    // As long as counted (a few slots more than used): slotStart bounds every read.
    this.slots = all;
    finishStrings(stringObjects, stringValueSlot, liveInGraph);

    // Referrers by target, each with the slot that holds it.
    int[] in = referrerStarts();
    inFrom = new int[in[count + 1]];
    inSlot = new int[in[count + 1]];
    placeReferrers(in);
    inStart = in;
    sweepKey = sweepKeys(classKeys, names, sideA);
    partner = new int[count];
    Arrays.fill(partner, -1);
  }

  // The constructor's passes, each its own method: the JIT compiles a long loop alone, and not
  // again for each loop after it in one method (whose code, not run yet, would be compiled as
  // traps that throw the compiled code away when reached).

  /** Fills the table from graph index to local index, the member bits and the live bits. */
  private void indexMembers(long[] liveInGraph) {
    for (int k = 0; k < count; k++) {
      int g = members[k];
      if (g < 0 || g >= graph.objectCount() || Bits.get(isMember, g)) {
        throw new IllegalArgumentException("member " + g + " is not an object of the graph, or not once");
      }
      Bits.set(isMember, g);
      int h = localSlot(g);
      localKeys[h] = g + 1;
      localValues[h] = k;
      if (Bits.get(liveInGraph, g)) {
        Bits.set(live, k);
      }
    }
  }

  /** Sets {@link #kinds} of the live objects and returns a bound of their slot count. */
  private long kindsAndSlotCount(ObjectLayout layout, int pseudoStaticCount) {
    int[] instanceSlots = new int[graph.classes().size()];
    Arrays.fill(instanceSlots, -1);
    long slotCount = 0;
    for (int i = Bits.next(live, 0); i >= 0; i = Bits.next(live, i + 1)) {
      int g = global(i);
      ObjectKind kind = graph.kind(g);
      kinds[i] = (byte) kind.ordinal();
      switch (kind) {
        case INSTANCE -> {
          int c = graph.classIndexOf(g);
          if (instanceSlots[c] < 0) {
            instanceSlots[c] = graph.referenceSlotCount(g);
          }
          slotCount += instanceSlots[c];
        }
        case OBJECT_ARRAY -> slotCount += Math.max(0,
            (graph.shallowSize(g) - layout.arrayHeaderSize()) / layout.referenceSize());
        case CLASS -> slotCount += graph.referenceSlotCount(g) + pseudoStaticCount;
        default -> { }
      }
    }
    return slotCount;
  }

  /**
   * Reads the live objects' slots into {@code all} (local indexes, from {@code start[i]}; a larger
   * array if an object array holds more than was counted), their contents into {@link #content}
   * (a string's from its own fields, finished by {@link #finishStrings}) and which hold a live non-member; sets
   * {@code start[count]} and returns the array the slots are in.
   */
  private int[] readObjects(int[] start, int[] all, String[] pseudoStatics, long[] liveInGraph,
      IntList stringObjects, int stringClass) {
    int at = 0;
    for (int i = 0; i < count; i++) {
      start[i] = at;
      if (!Bits.get(live, i)) {
        continue;
      }
      int g = global(i);
      byte kind = kinds[i];
      if (kind == OBJECT_ARRAY && graph.arrayLength(g) > all.length - at) {
        all = Arrays.copyOf(all, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * all.length + graph.arrayLength(g)));
      }
      int written = graph.referenceSlots(g, all, at);
      int placed = kind == CLASS && pseudoStatics.length > 0
          ? placePseudoStatics(graph, g, all, at, written, pseudoStatics) : written;
      // Made as the dump was opened: a string's (its own fields but its cached hash: the coder) is
      // finished by finishStrings from its value's contents, once every array's are known.
      content[i] = graph.contentHash(g);
      if (kind == INSTANCE && graph.classIndexOf(g) == stringClass) {
        stringObjects.add(i);
      }
      if (isMember != null && toLocal(all, at, placed, liveInGraph)) {
        Bits.set(holdsOutside, i);
      }
      at += placed;
    }
    start[count] = at;
    return all;
  }

  /** A string's content from its value's contents and its own fields (in {@link #content} till now). */
  private void finishStrings(IntList stringObjects, int stringValueSlot, long[] liveInGraph) {
    int[] start = slotStart;
    int[] all = slots;
    for (int k = 0; k < stringObjects.size; k++) {
      int i = stringObjects.data[k];
      int s = stringValueSlot < 0 ? -1 : start[i] + stringValueSlot;
      int value = s < 0 ? -1 : all[s];
      long valueContent;
      if (value >= 0) {
        valueContent = content[value];
      } else if (s >= 0 && holdsOutside != null && Bits.get(holdsOutside, i)) {
        // A value that is not a member: its contents as a member's would be (a dead one's are 0).
        int v = graph.referenceSlots(global(i))[stringValueSlot];
        valueContent = v < 0 ? 7 : Bits.get(liveInGraph, v) ? graph.contentHash(v) : 0;
      } else {
        valueContent = 7;
      }
      content[i] = stringContent(valueContent, content[i]);
    }
  }

  /**
   * Counts the live referrers of each object into {@code in[t + 2]} and sums them, so that {@code
   * in[t + 1]} is where t's referrers start, for {@link #placeReferrers}. A slot that holds a dead
   * object (one a dump of all objects has) is read as null from here on.
   */
  private int[] referrerStarts() {
    boolean someDead = Bits.count(live) < count;
    int[] in = new int[count + 2];
    for (int s = 0, total = slotStart[count]; s < total; s++) {
      int t = slots[s];
      if (t >= 0) {
        if (someDead && !Bits.get(live, t)) {
          slots[s] = -1;
        } else {
          in[t + 2]++;
        }
      }
    }
    for (int i = 2; i < in.length; i++) {
      in[i] += in[i - 1];
    }
    return in;
  }

  /**
   * Places each referrer with its slot at {@code in[t + 1]++}, which leaves {@code in[t]} at the
   * start of t's referrers for every t, with no second array of positions.
   */
  private void placeReferrers(int[] in) {
    int[] start = slotStart;
    // A dead object has no slots: every object's range is read, in order.
    for (int i = 0; i < count; i++) {
      for (int s = start[i], end = start[i + 1]; s < end; s++) {
        int t = slots[s];
        if (t >= 0) {
          int e = in[t + 1]++;
          inFrom[e] = i;
          inSlot[e] = s - start[i];
        }
      }
    }
  }

  /** The hash of a string's contents, from its value's and its own fields' (the coder). */
  private static long stringContent(long valueContent, long coder) {
    return mix(mix(0x2545F4914F6CDD1DL + valueContent) + coder);
  }

  /**
   * Turns the {@code n} graph indexes at {@code from} of {@code all} into local indexes, -1 for an
   * object that is not a member; returns whether one of them is live.
   */
  private boolean toLocal(int[] all, int from, int n, long[] liveInGraph) {
    boolean outside = false;
    for (int s = from, end = from + n; s < end; s++) {
      int t = all[s];
      if (t >= 0 && Bits.get(isMember, t)) {
        all[s] = localValues[localSlot(t)];
      } else {
        outside |= t >= 0 && Bits.get(liveInGraph, t);
        all[s] = -1;
      }
    }
    return outside;
  }

  /**
   * The {@link #sweepKey}s. With members, an object that holds a live object that is not one gets the
   * sentinel: the members are what is left unpaired with all its neighbours, so such an object is
   * either a neighbour, paired before, or a large array of whose elements only those the evidence
   * samples are members, which its key could not see (it is weighed instead).
   */
  private long[] sweepKeys(long[] classKeys, long[] names, boolean sideA) {
    long none = sideA ? 0 : 1;
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      if (!Bits.get(live, i) || kinds[i] == CLASS || inStart[i + 1] - inStart[i] != 1
          || holdsOutside != null && Bits.get(holdsOutside, i)) {
        out[i] = none;
        continue;
      }
      int from = slotStart[i];
      int end = slotStart[i + 1];
      long h = mix(mix(classKeys[classIndexOf(i)] * 31 + kinds[i]) + end - from) ^ content[i];
      for (int s = from; s < end; s++) {
        int t = slots[s];
        h = mix(h * 31 + (t < 0 ? 0x6A09E667F3BCC909L : mix(names[classIndexOf(t)] ^ content[t])));
      }
      // Bit 1 set tells a key from the sentinels; bit 0 marks an object with no slots (a leaf).
      out[i] = (h << 2) | 2 | (end == from ? LEAF : 0);
    }
    return out;
  }

  private int[] colourPlaces;
  private long[] colourScratch;

  /**
   * The names of the pseudo-statics of the class objects of both dumps, sorted: static reference
   * slots whose names no Java field can have ({@code <init_lock>}, {@code <resolved_references>}),
   * which a dump writes after the real static fields only when they are set. A class object's slots
   * are its real static references, then one slot per such name ({@link #placePseudoStatics}): a
   * class that gained one between the dumps keeps the others in their places.
   */
  static String[] pseudoStatics(HeapGraph... graphs) {
    TreeSet<String> names = new TreeSet<>();
    for (HeapGraph g : graphs) {
      for (HeapClass c : g.classes()) {
        for (HeapField f : c.staticFields()) {
          if (f.type() == ValueType.OBJECT && f.name().startsWith("<")) {
            names.add(f.name());
          }
        }
      }
    }
    return names.toArray(new String[0]);
  }

  /**
   * Rearranges the {@code written} static reference slots of class object {@code i} at {@code at}
   * of {@code all}: the real static fields in their order, then one slot per name of {@code
   * pseudoStatics}, -1 where the class has none of that name. Returns the number of slots.
   */
  private static int placePseudoStatics(HeapGraph graph, int i, int[] all, int at, int written,
      String[] pseudoStatics) {
    HeapClass c = graph.asClass(i).orElse(null);
    if (c == null) {
      return written;
    }
    List<HeapField> statics = c.staticFields();
    int[] pseudo = new int[pseudoStatics.length];
    Arrays.fill(pseudo, -1);
    int real = 0;
    int k = 0;
    for (HeapField f : statics) {
      if (f.type() != ValueType.OBJECT) {
        continue;
      }
      if (k >= written) {
        return written; // not the layout expected: left as written
      }
      int target = all[at + k++];
      int j = f.name().startsWith("<") ? Arrays.binarySearch(pseudoStatics, f.name()) : -1;
      if (j >= 0) {
        pseudo[j] = target;
      } else {
        all[at + real++] = target;
      }
    }
    if (k != written) {
      return written;
    }
    System.arraycopy(pseudo, 0, all, at + real, pseudo.length);
    return real + pseudo.length;
  }

  /** Per object, -1: scratch for colour refinement, which sets entries and puts -1 back after use. */
  int[] colourPlaces() {
    if (colourPlaces == null) {
      colourPlaces = new int[count];
      Arrays.fill(colourPlaces, -1);
    }
    return colourPlaces;
  }

  /** Per object, the colours colour refinement started from (see {@link Signatures#plainColours}). */
  long[] colourScratch() {
    if (colourScratch == null) {
      colourScratch = new long[count];
    }
    return colourScratch;
  }

  /**
   * The unmatched live objects, in index order: found among {@link #lastUnmatched} and {@link
   * #unmatchedSince} after the first call, by looking at every object on the first; remembered as
   * {@link #lastUnmatched} for the next.
   */
  int[] unmatched() {
    IntList list;
    if (lastUnmatched == null) {
      list = new IntList(1024);
      for (int i = next(this, 0); i >= 0; i = next(this, i + 1)) {
        if (partner[i] < 0) {
          list.add(i);
        }
      }
    } else {
      list = new IntList(lastUnmatched.length + unmatchedSince.size);
      for (int i : lastUnmatched) {
        if (partner[i] < 0) {
          list.add(i);
        }
      }
      boolean sorted = unmatchedSince.size == 0;
      for (int k = 0; k < unmatchedSince.size; k++) {
        int i = unmatchedSince.data[k];
        if (partner[i] < 0 && isLive(i)) {
          list.add(i);
        }
      }
      if (!sorted) {
        Arrays.sort(list.data, 0, list.size);
        int distinct = 0;
        for (int k = 0; k < list.size; k++) {
          if (distinct == 0 || list.data[k] != list.data[distinct - 1]) {
            list.data[distinct++] = list.data[k];
          }
        }
        list.size = distinct;
      }
    }
    unmatchedSince.size = 0;
    lastUnmatched = list.toArray();
    return lastUnmatched;
  }

  /** The graph index of object {@code local} of this side. */
  int global(int local) {
    return members == null ? local : members[local];
  }

  /** The local index of object {@code global} of the graph, or -1 if it is not one of this side's. */
  int local(int global) {
    if (members == null) {
      return global;
    }
    return global < 0 || global >= graph.objectCount() || !Bits.get(isMember, global) ? -1
        : localValues[localSlot(global)];
  }

  /** The slot of graph index {@code g} in the table of local indexes: its own, or the empty one it would take. */
  private int localSlot(int g) {
    int mask = localKeys.length - 1;
    int h = (int) mix(g) & mask;
    while (localKeys[h] != 0 && localKeys[h] != g + 1) {
      h = (h + 1) & mask;
    }
    return h;
  }

  /** The graph's {@link HeapGraph#classIndexOf} of object {@code i} of this side. */
  int classIndexOf(int i) {
    return graph.classIndexOf(global(i));
  }

  /** The graph's {@link HeapGraph#primitiveValues} of object {@code i} of this side. */
  int primitiveValues(int i, long[] out) {
    return graph.primitiveValues(global(i), out);
  }

  /** The graph's {@link HeapGraph#arrayLength} of object {@code i} of this side. */
  int arrayLength(int i) {
    return graph.arrayLength(global(i));
  }

  /** The id (address) of object {@code i} of this side. */
  long id(int i) {
    return graph.id(global(i));
  }

  /**
   * This side's objects in the order of their ids (addresses): the graph's order of them. With
   * members, those alone, by local index.
   */
  int[] inIdOrder() {
    if (members == null) {
      return graph.objectsInIdOrder();
    }
    long[] ids = new long[count];
    boolean inOrder = true;
    for (int i = 0; i < count; i++) {
      // Addresses are unsigned: flipped, their signed order is theirs (as the graph ranks them).
      ids[i] = id(i) ^ Long.MIN_VALUE;
      inOrder &= i == 0 || ids[i - 1] < ids[i];
    }
    int[] out = new int[count];
    if (inOrder) {
      // Members given in address order (as the address-order merge gives them).
      Arrays.setAll(out, i -> i);
      return out;
    }
    long[] sorted = ids.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < count; i++) {
      // Ids are distinct: each object's place among them is its rank.
      out[Arrays.binarySearch(sorted, ids[i])] = i;
    }
    return out;
  }

  /**
   * Whether more than {@link #POPULAR} objects hold {@code i}: a shared constant, a list's head, which
   * proposes no candidates. With members, the whole graph's count if it was given, else the members'.
   */
  boolean popular(int i) {
    return popularBits != null ? Bits.get(popularBits, i) : inDegree(i) > POPULAR;
  }

  /** The next live object at or after {@code from}, or -1. */
  static int next(MatchSide side, int from) {
    return Bits.next(side.live, from);
  }

  boolean isLive(int i) {
    return Bits.get(live, i);
  }

  ObjectKind kind(int i) {
    return KINDS[kinds[i]];
  }

  private static final ObjectKind[] KINDS = ObjectKind.values();
  private static final byte CLASS = (byte) ObjectKind.CLASS.ordinal();
  /** The {@link #kinds} entry of an instance. */
  static final byte INSTANCE = (byte) ObjectKind.INSTANCE.ordinal();
  static final byte OBJECT_ARRAY = (byte) ObjectKind.OBJECT_ARRAY.ordinal();

  int slotCount(int i) {
    return slotStart[i + 1] - slotStart[i];
  }

  /** The object in slot {@code k} of {@code i}, or -1 (also for a slot {@code i} does not have). */
  int slot(int i, int k) {
    return k < slotStart[i + 1] - slotStart[i] ? slots[slotStart[i] + k] : -1;
  }

  /** Whether slot {@code k} of instance {@code i} is a link field ({@code next}, {@code left}, ...). */
  boolean isLink(int i, int k) {
    double[] p = prior[classIndexOf(i)];
    return kinds[i] == CLASS || k >= p.length || p[k] < Stability.PRIOR;
  }

  /** The weight of agreement in slot {@code k} of {@code i}. */
  float agreement(int i, int k) {
    if (kinds[i] == CLASS) {
      return 1f;
    }
    float[] w = agree[classIndexOf(i)];
    return k < w.length ? w[k] : w[0];
  }

  /** The weight of disagreement in slot {@code k} of {@code i}. */
  float disagreement(int i, int k) {
    if (kinds[i] == CLASS) {
      return 1f;
    }
    float[] w = disagree[classIndexOf(i)];
    return k < w.length ? w[k] : w[0];
  }

  int inDegree(int i) {
    return inStart[i + 1] - inStart[i];
  }

  /** The names of a class's instance reference fields in slot order: its own, then its superclasses'. */
  static List<String> referenceFieldNames(HeapGraph graph, HeapClass c) {
    return fieldNames(graph, c, true);
  }

  static List<String> primitiveFieldNames(HeapGraph graph, HeapClass c) {
    return fieldNames(graph, c, false);
  }

  private static List<String> fieldNames(HeapGraph graph, HeapClass c, boolean references) {
    List<String> out = new ArrayList<>();
    for (HeapClass k = c; k != null; k = k.superclassIndex() < 0 ? null : graph.classes().get(k.superclassIndex())) {
      for (FieldDescriptor f : k.fields()) {
        if ((f.type() == ValueType.OBJECT) == references) {
          out.add(f.name());
        }
      }
    }
    return out;
  }

  static long mix(long h) {
    h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
    h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return h ^ (h >>> 33);
  }

  /** A growable long array. */
  static final class LongList {
    long[] data = new long[16];
    int size;

    void add(long v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }

  /** A growable int array. */
  static final class IntList {
    int[] data;
    int size;

    IntList(int capacity) {
      data = new int[Math.max(16, capacity)];
    }

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
