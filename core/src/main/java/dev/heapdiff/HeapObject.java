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

  /**
   * Returns the snapshot this object belongs to.
   *
   * @return the snapshot whose graph holds the object; the object can be read until it is closed
   */
  public Snapshot snapshot() {
    return snapshot;
  }

  /**
   * Returns the object's index in its snapshot's graph.
   *
   * @return an index into {@code snapshot().graph()}, from 0; the same object in another dump has
   *     another index
   */
  public int index() {
    return index;
  }

  private HeapGraph graph() {
    return snapshot.analysis().graph();
  }

  /**
   * Returns the object's id (its address when the dump was taken).
   *
   * @return the id from the dump, shown in hexadecimal after {@code @0x}; a collection between two dumps
   *     may move the object and so change it
   */
  public long id() {
    return graph().id(index);
  }

  /**
   * Returns the object's class.
   *
   * @return the class record with its fields and static values; {@code java.lang.Class} for a class
   *     object, the class it stands for being {@code snapshot().graph().asClass(index())}
   */
  public HeapClass heapClass() {
    return graph().classOf(index);
  }

  /**
   * Returns the Java name of the object's class, such as {@code java.lang.String} or {@code int[]}.
   *
   * @return the name with {@code $} for nested classes, as {@link ObjectSet#ofClass(String)} takes it
   */
  public String className() {
    return heapClass().name();
  }

  /**
   * Returns what kind of object this is.
   *
   * @return an instance, an object array, a primitive array or a class object
   */
  public ObjectKind kind() {
    return graph().kind(index);
  }

  /**
   * Returns the shallow size in bytes, as the JVM counts it.
   *
   * @return the header, fields or elements and padding, a multiple of 8; not what the object references
   */
  public long shallowSize() {
    return graph().shallowSize(index);
  }

  /**
   * Returns the value of the named field: of an instance, its own fields first, then its
   * superclasses'; of a class object, its class's static fields.
   *
   * @param name the field's simple name, such as {@code quantity}
   * @return a boxed primitive or a {@code HeapObject}; empty if there is no such field, if it holds
   *     null, or if it refers to an object the dump does not have
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
   *
   * @return a new, modifiable map in field order; a name declared again in a superclass keeps the
   *     subclass's value; a null reference, or one to an object not in the dump, is a null value
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

  /**
   * Returns the length of an array, or -1 for other objects.
   *
   * @return the number of elements, 0 or more, of an array; -1 for an instance or a class object
   */
  public int length() {
    return graph().arrayLength(index);
  }

  /**
   * Returns element {@code i} of an array: a boxed primitive, a {@code HeapObject} or {@code null}.
   *
   * @param i from 0 to {@code length() - 1}
   * @return a boxed primitive for a primitive array; for an object array a {@code HeapObject}, or
   *     {@code null} for null or an object the dump does not have
   * @throws IllegalArgumentException if this is not an array
   * @throws IndexOutOfBoundsException if {@code i} is outside the array
   */
  public Object element(int i) {
    Object raw = graph().arrayElement(index, i);
    return kind() == ObjectKind.OBJECT_ARRAY ? object((Long) raw) : raw;
  }

  /**
   * Returns the value of a {@code java.lang.String}, if this is one.
   *
   * @return the whole string; empty for other objects, and for a string whose value array is not in
   *     the dump
   */
  public Optional<String> stringValue() {
    return graph().stringValue(index);
  }

  /**
   * Returns this object as a set of one.
   *
   * @return a new set of this snapshot holding only this object, for the views of {@link ObjectSet}
   */
  public ObjectSet asSet() {
    long[] bits = Bits.empty(graph().objectCount());
    Bits.set(bits, index);
    return new ObjectSet(snapshot, bits);
  }

  /**
   * Returns the shortest paths from GC roots to this object; see {@link ObjectSet#pathsFromRoots()}.
   *
   * @return the paths, empty if the object is held only through weak, soft, phantom or final references
   */
  public ShortestPaths pathsFromRoots() {
    return asSet().pathsFromRoots();
  }

  /**
   * Returns the live objects that hold a reference to this one.
   *
   * @return a new set of this snapshot, empty if only GC roots hold it
   */
  public ObjectSet referrers() {
    return asSet().referrers();
  }

  /**
   * Returns how a person would recognise this object: strings quoted and cut, boxed values, arrays
   * with their length, collections with their size, other objects as {@code class@0xid} with a few
   * fields.
   *
   * @return one line, such as {@code "customer-42"} (quoted, cut at 40 characters with {@code ...}),
   *     {@code Integer 3}, {@code int[16]}, {@code class com.acme.Order},
   *     {@code java.util.HashMap@0x6878167a8 size=3} or
   *     {@code com.acme.Order@0x687827818 {customer="c-1", quantity=3, ...}} (three fields at most,
   *     strings first)
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
