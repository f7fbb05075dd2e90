package dev.heapdiff;

import dev.heapdiff.hprof.HeapClass;
import dev.heapdiff.hprof.HeapField;
import dev.heapdiff.hprof.HeapGraph;
import dev.heapdiff.hprof.ObjectKind;
import dev.heapdiff.hprof.ValueType;
import dev.heapdiff.internal.Bits;
import dev.heapdiff.internal.JavaLiterals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One object of a snapshot: its id, class, shallow size, fields, array elements and string value.
 * Field values are boxed primitives, {@code HeapObject}s for references, or {@code null}.
 */
public final class HeapObject {
  private static final int STRING_PREVIEW = 40;

  private final Snapshot snapshot;
  private final int index;

  HeapObject(Snapshot snapshot, int index) {
    this.snapshot = snapshot;
    this.index = index;
  }

  /** Returns the snapshot this object belongs to. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** Returns the object's index in its snapshot's graph. */
  public int index() {
    return index;
  }

  private HeapGraph graph() {
    return snapshot.analysis().graph();
  }

  /** Returns the object's id (its address when the dump was taken). */
  public long id() {
    return graph().id(index);
  }

  /** Returns the object's class. */
  public HeapClass heapClass() {
    return graph().classOf(index);
  }

  /** Returns the Java name of the object's class, such as {@code java.lang.String} or {@code int[]}. */
  public String className() {
    return heapClass().name();
  }

  /** Returns what kind of object this is. */
  public ObjectKind kind() {
    return graph().kind(index);
  }

  /** Returns the shallow size in bytes, as the JVM counts it. */
  public long shallowSize() {
    return graph().shallowSize(index);
  }

  /**
   * Returns the value of the named field: of an instance, its own fields first, then its
   * superclasses'; of a class object, its class's static fields.
   */
  public Optional<Object> field(String name) {
    for (HeapField f : fieldList()) {
      if (f.name().equals(name)) {
        return Optional.ofNullable(value(f));
      }
    }
    return Optional.empty();
  }

  /**
   * Returns all fields with their values: an instance's, own fields first; a class object's static
   * fields (a class's {@code field("CACHE")} is its static {@code CACHE}); empty for arrays.
   */
  public Map<String, Object> fields() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (HeapField f : fieldList()) {
      out.putIfAbsent(f.name(), value(f));
    }
    return out;
  }

  private List<HeapField> fieldList() {
    if (kind() == ObjectKind.CLASS) {
      return graph().asClass(index).map(HeapClass::staticFields).orElse(List.of());
    }
    return graph().fields(index);
  }

  private Object value(HeapField f) {
    if (f.type() != ValueType.OBJECT) {
      return f.value();
    }
    return object((Long) f.value());
  }

  private HeapObject object(long id) {
    if (id == 0) {
      return null;
    }
    int target = graph().indexOf(id);
    return target < 0 ? null : new HeapObject(snapshot, target);
  }

  /** Returns the length of an array, or -1 for other objects. */
  public int length() {
    return graph().arrayLength(index);
  }

  /** Returns element {@code i} of an array: a boxed primitive, a {@code HeapObject} or {@code null}. */
  public Object element(int i) {
    Object raw = graph().arrayElement(index, i);
    return kind() == ObjectKind.OBJECT_ARRAY ? object((Long) raw) : raw;
  }

  /** Returns the value of a {@code java.lang.String}, if this is one. */
  public Optional<String> stringValue() {
    return graph().stringValue(index);
  }

  /** Returns this object as a set of one. */
  public ObjectSet asSet() {
    long[] bits = Bits.empty(graph().objectCount());
    Bits.set(bits, index);
    return new ObjectSet(snapshot, bits);
  }

  /** Returns the shortest paths from GC roots to this object; see {@link ObjectSet#pathsFromRoots()}. */
  public ShortestPaths pathsFromRoots() {
    return asSet().pathsFromRoots();
  }

  /** Returns the live objects that hold a reference to this one. */
  public ObjectSet referrers() {
    return asSet().referrers();
  }

  /**
   * Returns how a person would recognise this object: strings quoted and cut, boxed values, arrays
   * with their length, collections with their size, other objects as {@code class@0xid} with a few
   * fields.
   */
  public String representation() {
    HeapGraph graph = graph();
    String type = className();
    switch (kind()) {
      case CLASS:
        return "class " + graph.asClass(index).map(HeapClass::name).orElse("?");
      case OBJECT_ARRAY:
      case PRIMITIVE_ARRAY: {
        String element = type.substring(0, type.length() - 2);
        return element + "[" + length() + "]";
      }
      default:
        break;
    }
    Optional<String> string = graph.stringValue(index, STRING_PREVIEW + 1);
    if (string.isPresent()) {
      return quote(string.get());
    }
    Map<String, Object> fields = fields();
    if (type.startsWith("java.lang.") && fields.size() == 1 && fields.containsKey("value")
        && !(fields.get("value") instanceof HeapObject)) {
      return type.substring("java.lang.".length()) + " " + fields.get("value");
    }
    String at = type + "@0x" + Long.toHexString(id());
    if ((type.startsWith("java.util.") || type.startsWith("java.util.concurrent.")) && fields.get("size") instanceof Integer size) {
      return at + " size=" + size;
    }
    if (fields.isEmpty()) {
      return at;
    }
    StringBuilder out = new StringBuilder(at).append(" {");
    int shown = 0;
    // Strings say the most about an object, then primitives, then other references.
    List<Map.Entry<String, Object>> ordered = new ArrayList<>(fields.entrySet());
    ordered.sort(Comparator.comparingInt(f -> rank(f.getValue())));
    for (Map.Entry<String, Object> f : ordered) {
      if (shown == 3) {
        out.append(", ...");
        break;
      }
      out.append(shown == 0 ? "" : ", ").append(f.getKey()).append('=').append(brief(f.getValue()));
      shown++;
    }
    return out.append('}').toString();
  }

  private static int rank(Object value) {
    if (value instanceof HeapObject o) {
      return o.stringValue().isPresent() ? 0 : 2;
    }
    return value == null ? 3 : 1;
  }

  private static String brief(Object value) {
    if (value instanceof HeapObject o) {
      Optional<String> s = o.stringValue();
      return s.map(HeapObject::quote).orElse(o.className() + "@0x" + Long.toHexString(o.id()));
    }
    if (value instanceof Character c) {
      return "'" + c + "'";
    }
    return String.valueOf(value);
  }

  private static String quote(String s) {
    return JavaLiterals.quote(s.length() > STRING_PREVIEW ? s.substring(0, STRING_PREVIEW) + "..." : s, false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeapObject other && other.snapshot == snapshot && other.index == index;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(snapshot) * 31 + index;
  }

  @Override
  public String toString() {
    if (snapshot.isClosed()) {
      return "an object of closed snapshot " + snapshot.file().getFileName();
    }
    return representation();
  }
}
