package dev.heapdiff.internal;

import dev.heapdiff.hprof.GcRoot;
import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.HeapReference;
import dev.heapdiff.hprof.HeapThread;
import dev.heapdiff.hprof.ObjectKind;
import dev.heapdiff.hprof.RootKind;
import dev.heapdiff.hprof.StackFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where paths from roots start: every distinct GC root record of a live object, and every static
 * reference field of a live class. Static fields count as roots, as Eclipse MAT and LeakCanary count
 * them: a class stays loaded as long as its loader lives, and "held by {@code Cache.INSTANCE}" is
 * what a person wants to read, not the loader's list of classes that leads to it.
 */
public final class RootEdges {
  /**
   * One way into the graph.
   *
   * @param object the object held
   * @param root the GC root record, or null for a static field
   * @param classObject the class object whose static field holds {@code object}, or -1
   * @param field the static field's name, or null
   */
  public record Edge(int object, GcRoot root, int classObject, String field) {}

  private final HeapGraph graph;
  private final Map<Integer, List<Edge>> byObject = new HashMap<>();
  private volatile Map<Integer, HeapThread> threads;

  private RootEdges(HeapGraph graph) {
    this.graph = graph;
  }

  /** Collects the root edges of the objects in {@code live}. */
  public static RootEdges of(HeapGraph graph, long[] live) {
    RootEdges edges = new RootEdges(graph);
    for (HeapClass c : graph.classes()) {
      int object = c.objectIndex();
      if (object < 0 || !Bits.get(live, object) || graph.kind(object) != ObjectKind.CLASS) {
        continue;
      }
      for (HeapReference ref : graph.namedReferences(object)) {
        // The other references of a class object are named <super>, <classloader> and the like.
        if (!ref.name().startsWith("<") && Bits.get(live, ref.target())) {
          edges.add(new Edge(ref.target(), null, object, ref.name()));
        }
      }
    }
    Set<GcRoot> distinct = new LinkedHashSet<>(graph.roots());
    for (GcRoot root : distinct) {
      if (Bits.get(live, root.object())) {
        edges.add(new Edge(root.object(), root, -1, null));
      }
    }
    return edges;
  }

  private void add(Edge edge) {
    byObject.computeIfAbsent(edge.object(), k -> new ArrayList<>(1)).add(edge);
  }

  /** Returns the objects that some edge holds. */
  public Set<Integer> objects() {
    return byObject.keySet();
  }

  /** Returns the edges into {@code object}: statics first, then GC roots in file order. */
  public List<Edge> into(int object) {
    return byObject.getOrDefault(object, List.of());
  }

  /**
   * Returns how a path from this edge begins: {@code Root(static) com.acme.Cache.INSTANCE},
   * {@code Root(thread "main")}, {@code Root(local in "main" at com.acme.Job.run(Job.java:42))},
   * {@code Root(system class) java.lang.System}, {@code Root(JNI global)}.
   */
  public String label(Edge edge) {
    if (edge.root() == null) {
      String className = graph.asClass(edge.classObject()).map(c -> c.name()).orElse("?");
      return "Root(static) " + className + "." + edge.field();
    }
    GcRoot root = edge.root();
    String thread = threadName(root.threadSerial());
    String label = switch (root.kind()) {
      case THREAD_OBJECT -> "thread " + thread;
      case JAVA_FRAME -> "local in " + thread + frame(root);
      case JNI_LOCAL -> "JNI local in " + thread + frame(root);
      case NATIVE_STACK -> "native stack of " + thread;
      case THREAD_BLOCK -> "thread block of " + thread;
      default -> root.kind().label();
    };
    StringBuilder out = new StringBuilder("Root(").append(label).append(')');
    if (graph.kind(edge.object()) == ObjectKind.CLASS && root.kind() != RootKind.THREAD_OBJECT) {
      graph.asClass(edge.object()).ifPresent(c -> out.append(' ').append(c.name()));
    }
    return out.toString();
  }

  private String threadName(int serial) {
    HeapThread thread = threads().get(serial);
    if (thread == null) {
      return "#" + serial;
    }
    return thread.name().isEmpty() ? "#" + serial : "\"" + thread.name() + "\"";
  }

  private String frame(GcRoot root) {
    HeapThread thread = threads().get(root.threadSerial());
    if (thread == null || root.frame() < 0 || root.frame() >= thread.frames().size()) {
      return "";
    }
    StackFrame frame = thread.frames().get(root.frame());
    return " " + frame;
  }

  private Map<Integer, HeapThread> threads() {
    Map<Integer, HeapThread> t = threads;
    if (t == null) {
      t = new HashMap<>();
      for (HeapThread thread : graph.threads()) {
        t.putIfAbsent(thread.serial(), thread);
      }
      threads = t;
    }
    return t;
  }
}
