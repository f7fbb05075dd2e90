package dev.heapdiff;

import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectKind;
import dev.heapdiff.internal.Bits;
import dev.heapdiff.internal.IntArrayKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The referrers of a set, condensed by class into a tree (heapy's {@code rp}): the set itself on
 * line 0, named {@code _}; below each node, the live objects that refer to it, one node per class;
 * and so on, depth first, down to a depth limit. Each node is a set of objects: {@link #get(String)}
 * takes heapy's names ({@code "a"}, {@code "ab"}, {@code "a3"} for {@code "aaa"}), {@link #get(int)}
 * a line number.
 *
 * <pre>
 * Reference Pattern by &lt;class&gt;.
 *  0: _ --- [-] 3 com.acme.Order, 96 bytes: 0x7f3a1c0, 0x7f3a1e8, 0x7f3a210
 *  1: a      [-] 3 java.util.HashMap$Node, 96 bytes: 0x7f3a100, 0x7f3a120, 0x7f3a140
 *  2: aa ---- [-] 1 java.util.HashMap$Node[], 80 bytes: 0x7f3a080
 *  3: a3       [-] 1 java.util.HashMap, 48 bytes: 0x7f3a040
 * </pre>
 *
 * <p>Markers: {@code [-]} the node's referrers follow; {@code [+]} it has referrers, but the depth
 * limit is reached (at depth 0, on the set itself); {@code [R]} nothing live refers to it (a GC root
 * holds it); {@code [S]} class objects only, whose referrers (loaders, other classes) are not
 * followed; {@code [^ n]} the same objects were shown on line {@code n}. The pattern of an empty set
 * is line 0 with {@code <no objects>} and no marker. Nodes are made as they are printed, ten lines
 * at a time ({@link #more()}); at most 26 referrer classes, the largest by size, are shown under a
 * node.
 */
public final class ReferencePattern {
  /** Lines {@link #all()} stops at: a deep pattern over a big heap can have very many. */
  public static final int MAX_LINES = 100_000;

  private static final int PAGE = 10;
  private static final int WIDTH = 100;
  private static final int MAX_CHILDREN = 26;

  private final Tree tree;
  private final int from;
  private final boolean all;

  private ReferencePattern(Tree tree, int from, boolean all) {
    this.tree = tree;
    this.from = from;
    this.all = all;
  }

  static ReferencePattern of(ObjectSet set, int depth) {
    if (depth < 0) {
      throw new IllegalArgumentException("depth " + depth + " is negative");
    }
    return new ReferencePattern(new Tree(set, depth), 0, false);
  }

  /**
   * Returns the depth limit: how many levels of referrers are shown below the set.
   *
   * @return the depth given when the pattern was made, 0 or more (7 by default)
   */
  public int depth() {
    return tree.depth;
  }

  /**
   * Returns the objects of the node named {@code name}: {@code "_"} is the set itself, {@code "a"}
   * the first class of its referrers, {@code "ab"} the second class of the referrers of {@code a};
   * runs of a letter may be written {@code "a3"} as printed, or {@code "aaa"}.
   *
   * @param name the node's letters as printed at the start of its line
   * @return the node's objects: the set itself for {@code "_"}, else the referrers of one class
   * @throws IllegalArgumentException if the pattern has no such node
   */
  public ObjectSet get(String name) {
    String letters = expand(name);
    Node node = tree.find(letters);
    if (node == null) {
      throw new IllegalArgumentException("no node " + name + " in this reference pattern");
    }
    return tree.set(node);
  }

  /**
   * Returns the objects of the node on line {@code line}; negative numbers count from the end
   * ({@code -1} is the last line), as rows do.
   *
   * @param line the line's number as printed, from 0; or from the end when negative
   * @return the objects of that line's node
   * @throws IndexOutOfBoundsException naming the line and the number of lines, if there is no such line
   */
  public ObjectSet get(int line) {
    int lines;
    if (line < 0) {
      lines = lineCount();
    } else {
      tree.generate(line + 1); // the whole tree where it has fewer lines
      lines = tree.lines.size();
    }
    return tree.set(tree.lines.get((int) RowIndex.resolve(line, lines, "line")));
  }

  /**
   * Returns the number of lines, making the whole tree (at most {@link #MAX_LINES}).
   *
   * @return how many lines {@link #all()} prints, 1 or more ({@link #MAX_LINES} at most)
   */
  public int lineCount() {
    tree.generate(MAX_LINES);
    return tree.lines.size();
  }

  /**
   * Returns the same pattern showing the lines after those this one shows, ten at a time, as heapy's
   * {@code _.more}; past the last line it shows {@code <no more lines>}.
   *
   * @return a view of the same tree from the next page on; the tree is not made again
   */
  public ReferencePattern more() {
    return new ReferencePattern(tree, end(), false);
  }

  /** The first line this does not show, making the lines it needs to know. */
  private int end() {
    int to = all ? MAX_LINES : from + PAGE;
    // One line more than a page: a page never leaves a single line for the next.
    tree.generate(all ? MAX_LINES : to + 2);
    int size = tree.lines.size();
    if (!all && size <= to + 1 && tree.finished()) {
      to = size;
    }
    return Math.min(to, size);
  }

  /**
   * Returns the same pattern showing every line when printed (at most {@link #MAX_LINES}).
   *
   * @return a view of the same tree that prints all its lines
   */
  public ReferencePattern all() {
    return new ReferencePattern(tree, 0, true);
  }

  /** Returns the label and ten lines (the first page, or a later one), then a line if more follow. */
  @Override
  public String toString() {
    int to = end();
    int size = tree.lines.size();
    StringBuilder out = new StringBuilder();
    if (from == 0) {
      out.append("Reference Pattern by <class>.\n");
    }
    for (int line = from; line < to; line++) {
      out.append(tree.render(tree.lines.get(line))).append('\n');
    }
    if (to < size || !tree.finished()) {
      if (all) {
        out.append("<stopped at ").append(MAX_LINES).append(" lines>\n");
      } else if (tree.finished()) {
        out.append('<').append(size - to).append(" more lines: .more() shows them.>\n");
      } else {
        out.append("<more lines: .more() shows them.>\n");
      }
    } else if (from >= size && from > 0) {
      out.append("<no more lines>\n");
    }
    if (out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
      out.setLength(out.length() - 1); // no final line break: jshell and println add one
    }
    return out.toString();
  }

  /** Returns a name as heapy prints it: a run of three or more of a letter as the letter and the run's length. */
  static String compress(String letters) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < letters.length(); ) {
      int j = i;
      while (j < letters.length() && letters.charAt(j) == letters.charAt(i)) {
        j++;
      }
      out.append(letters.charAt(i));
      if (j - i >= 3) {
        out.append(j - i);
      } else if (j - i == 2) {
        out.append(letters.charAt(i));
      }
      i = j;
    }
    return out.toString();
  }

  static String expand(String name) {
    if (name.equals("_")) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); ) {
      char letter = name.charAt(i++);
      if (letter < 'a' || letter > 'z') {
        throw new IllegalArgumentException("not a node name: " + name);
      }
      int digits = i;
      while (i < name.length() && Character.isDigit(name.charAt(i))) {
        i++;
      }
      int times = i > digits ? Integer.parseInt(name.substring(digits, i)) : 1;
      out.append(String.valueOf(letter).repeat(times));
    }
    return out.toString();
  }

  private enum Mark {
    EXPANDED("[-]"), DEPTH("[+]"), ROOT("[R]"), STOP("[S]"), REPEAT("[^ ");

    final String text;

    Mark(String text) {
      this.text = text;
    }
  }

  private static final class Node {
    final int line;
    final String letters;
    final int[] members;
    final String kind;
    Mark mark;
    int repeatOf = -1;
    int hiddenClasses;

    Node(int line, String letters, int[] members, String kind) {
      this.line = line;
      this.letters = letters;
      this.members = members;
      this.kind = kind;
    }
  }

  /** A node being expanded: its children, made when it was, and the next one to show. */
  private record Frame(Node parent, List<int[]> children, int[] next) {}

  /** The lines made so far and the depth-first state to make more. */
  private static final class Tree {
    final Snapshot snapshot;
    final HeapGraph graph;
    final long[] live;
    final int depth;
    final List<Node> lines = new ArrayList<>();
    final Map<String, Node> byLetters = new HashMap<>();
    final Map<IntArrayKey, Integer> seen = new HashMap<>();
    final Deque<Frame> stack = new ArrayDeque<>();
    final long[] scratch;

    Tree(ObjectSet set, int depth) {
      this.snapshot = set.owner();
      this.graph = set.heapGraph();
      this.live = snapshot.bits();
      this.depth = depth;
      this.scratch = Bits.empty(graph.objectCount());
      long[] bits = set.bits();
      int[] members = new int[Bits.count(bits)];
      int m = 0;
      for (int i = Bits.next(bits, 0); i >= 0; i = Bits.next(bits, i + 1)) {
        members[m++] = i;
      }
      emit(new Node(0, "", members, kindOf(members)));
    }

    boolean finished() {
      return stack.isEmpty();
    }

    synchronized void generate(int lineLimit) {
      while (lines.size() < lineLimit && !stack.isEmpty()) {
        Frame frame = stack.peek();
        int next = frame.next()[0];
        if (next == frame.children().size()) {
          stack.pop();
          continue;
        }
        frame.next()[0]++;
        int[] members = frame.children().get(next);
        emit(new Node(lines.size(), frame.parent().letters + (char) ('a' + next), members, kindOf(members)));
      }
    }

    synchronized Node find(String letters) {
      while (!byLetters.containsKey(letters) && !stack.isEmpty() && lines.size() < MAX_LINES) {
        generate(lines.size() + 1);
      }
      return byLetters.get(letters);
    }

    private void emit(Node node) {
      lines.add(node);
      byLetters.put(node.letters, node);
      IntArrayKey key = new IntArrayKey(node.members);
      Integer earlier = seen.putIfAbsent(key, node.line);
      if (earlier != null) {
        node.mark = Mark.REPEAT;
        node.repeatOf = earlier;
        return;
      }
      if (node.members.length == 0) {
        return; // only the set itself can be empty: nothing to follow, nor to mark
      }
      if (allClasses(node.members)) {
        node.mark = Mark.STOP;
        return;
      }
      List<int[]> children = referrersByClass(node.members);
      if (children.isEmpty()) {
        node.mark = Mark.ROOT;
      } else if (node.letters.length() >= depth) {
        node.mark = Mark.DEPTH;
      } else {
        node.mark = Mark.EXPANDED;
        if (children.size() > MAX_CHILDREN) {
          node.hiddenClasses = children.size() - MAX_CHILDREN;
          children = children.subList(0, MAX_CHILDREN);
        }
        stack.push(new Frame(node, children, new int[1]));
      }
    }

    /**
     * Whether every member is a class object (a primitive type's, {@code int.class}, is a plain
     * instance of {@code java.lang.Class} in a dump). A referrer node holds one class, but the set
     * itself may mix them: a whole snapshot lists its class objects first, and is not a set to stop at.
     */
    private boolean allClasses(int[] members) {
      for (int i : members) {
        if (graph.kind(i) != ObjectKind.CLASS && !graph.classOf(i).name().equals("java.lang.Class")) {
          return false;
        }
      }
      return true;
    }

    /** The live referrers of {@code members}, one sorted array per class, largest total size first. */
    private List<int[]> referrersByClass(int[] members) {
      List<Integer> touched = new ArrayList<>();
      for (int i : members) {
        for (int r : graph.referrers(i)) {
          if (Bits.get(live, r) && !Bits.get(scratch, r)) {
            Bits.set(scratch, r);
            touched.add(r);
          }
        }
      }
      Map<Integer, List<Integer>> byClass = new HashMap<>();
      for (int r : touched) {
        scratch[r >>> 6] = 0; // every bit set in scratch is a touched referrer's
        byClass.computeIfAbsent(graph.classIndexOf(r), c -> new ArrayList<>()).add(r);
      }
      List<int[]> groups = new ArrayList<>();
      for (List<Integer> g : byClass.values()) {
        int[] group = g.stream().mapToInt(Integer::intValue).sorted().toArray();
        groups.add(group);
      }
      Comparator<int[]> bySize = Comparator.comparingLong(this::size).reversed();
      groups.sort(bySize.thenComparing(g -> graph.classOf(g[0]).name()));
      return groups;
    }

    long size(int[] members) {
      long size = 0;
      for (int i : members) {
        size += graph.shallowSize(i);
      }
      return size;
    }

    private String kindOf(int[] members) {
      if (members.length == 0) {
        return "<no objects>";
      }
      int c = graph.classIndexOf(members[0]);
      for (int i : members) {
        if (graph.classIndexOf(i) != c) {
          return "<mixed>";
        }
      }
      return graph.classes().get(c).name();
    }

    ObjectSet set(Node node) {
      long[] bits = Bits.empty(graph.objectCount());
      for (int i : node.members) {
        Bits.set(bits, i);
      }
      return snapshot.derive(bits);
    }

    String render(Node node) {
      int level = node.letters.length();
      StringBuilder out = new StringBuilder(String.format("%2d: %s ", node.line,
          level == 0 ? "_" : compress(node.letters)));
      char filler = node.line % 2 == 0 ? '-' : ' ';
      while (out.length() < 9 + level) {
        out.append(filler);
      }
      if (node.members.length == 0) {
        return out.append(' ').append(node.kind).toString();
      }
      out.append(' ').append(node.mark.text);
      if (node.mark == Mark.REPEAT) {
        out.append(node.repeatOf).append(']');
      }
      out.append(' ').append(node.members.length).append(' ').append(node.kind).append(", ")
          .append(size(node.members)).append(" bytes");
      if (node.hiddenClasses > 0) {
        out.append(" (referrers of ").append(node.hiddenClasses).append(" more classes not shown)");
      }
      out.append(':');
      long[] ids = new long[node.members.length];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = graph.id(node.members[k]);
      }
      Arrays.sort(ids);
      for (int k = 0; k < ids.length && out.length() <= WIDTH; k++) {
        out.append(k == 0 ? " " : ", ").append("0x").append(Long.toHexString(ids[k]));
      }
      if (out.length() > WIDTH) {
        out.setLength(WIDTH - 3);
        out.append("...");
      }
      return out.toString();
    }
  }
}
