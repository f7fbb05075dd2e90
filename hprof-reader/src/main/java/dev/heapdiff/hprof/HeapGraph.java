package dev.heapdiff.hprof;

import dev.heapdiff.hprof.internal.ClassRecord;
import dev.heapdiff.hprof.internal.ContentHash;
import dev.heapdiff.hprof.internal.GraphBuilder;
import dev.heapdiff.hprof.internal.GraphData;
import dev.heapdiff.hprof.internal.Gunzip;
import dev.heapdiff.hprof.internal.InstanceShape;
import dev.heapdiff.hprof.internal.Reachability;
import dev.heapdiff.hprof.internal.RecordScanner;
import dev.heapdiff.hprof.internal.StackTraces;
import dev.heapdiff.hprof.internal.Values;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * An immutable object graph read from a HotSpot heap dump (HPROF 1.0.1 or 1.0.2, plain or gzip).
 *
 * <p>Objects are numbered densely from 0 to {@link #objectCount()} - 1 in the order the dump
 * lists them; every method that takes or returns an object uses that index. Field values, array contents and
 * strings are read on demand from the memory-mapped file, so the graph itself holds only ids,
 * classes, sizes, references and content hashes (about 29 bytes per object plus 4 per reference).
 *
 * <p>Objects that no GC root reaches are kept but flagged ({@link #isReachable(int)}).
 */
public final class HeapGraph implements AutoCloseable {
  private final GraphData g;
  private final Path source;
  private final Path temporary;
  private final List<HeapClass> classes;
  private volatile int[] inStart;
  private volatile int[] inRefs;

  private HeapGraph(GraphData g, Path source, Path temporary) {
    this.g = g;
    this.source = source;
    this.temporary = temporary;
    List<HeapClass> list = new ArrayList<>(g.classes.length);
    for (int c = 0; c < g.classes.length; c++) {
      list.add(describe(c));
    }
    this.classes = Collections.unmodifiableList(list);
  }

  /**
   * Reads a heap dump, inferring the JVM's object layout from the dump.
   *
   * @param file a dump file, plain or gzip; a gzip file is decompressed into a private temporary copy
   *     first, which {@link #close()} deletes
   * @return the graph, with what the GC roots reach already marked; close it when done
   * @throws HprofFormatException if the file is not a well-formed HotSpot heap dump
   * @throws IOException if the file cannot be read
   * @throws NotEnoughMemoryException if this JVM's heap cannot hold the graph (about 45 bytes per
   *     object while it is built, 30 once built)
   */
  public static HeapGraph open(Path file) throws IOException {
    return open(file, null);
  }

  /**
   * Reads a heap dump with a known object layout (for example one recorded when the dump was taken).
   *
   * @param file a dump file, plain or gzip, as for {@link #open(Path)}
   * @param layout the layout, or {@code null} to infer it
   * @return the graph, with what the GC roots reach already marked; close it when done
   * @throws HprofFormatException if the file is not a well-formed HotSpot heap dump
   * @throws IOException if the file does not exist ({@link NoSuchFileException}), is a directory or
   *     not a regular file such as a pipe ({@link FileSystemException}), is not readable ({@link
   *     AccessDeniedException}), or cannot be read or decompressed ({@link #requireDumpFile})
   * @throws NotEnoughMemoryException if this JVM's heap cannot hold the graph
   */
  public static HeapGraph open(Path file, ObjectLayout layout) throws IOException {
    requireDumpFile(file);
    Path temporary = null;
    Path read = file;
    if (Gunzip.isGzip(file)) {
      temporary = Gunzip.decompress(file);
      read = temporary;
    }
    try {
      GraphData data = GraphBuilder.read(read, layout, file);
      return new HeapGraph(data, file, temporary);
    } catch (HprofFormatException e) {
      if (temporary != null) {
        HprofFormatException named = new HprofFormatException(file, e.offset(),
            e.problem() + " (offset in the decompressed dump)");
        deleteCopy(temporary, named);
        throw named;
      }
      throw e;
    } catch (IOException | RuntimeException e) {
      if (temporary != null) {
        deleteCopy(temporary, e);
      }
      throw e;
    }
  }

  /**
   * Checks that {@code file} can be opened as a dump, as {@link #open(Path)} does before it reads a
   * byte: for a caller that opens the file later but wants to fail now.
   *
   * @param file a path
   * @throws NoSuchFileException if there is no such file
   * @throws FileSystemException if it is a directory, or not a regular file (a pipe, a device or a
   *     socket: a pipe would be read twice, the gzip check then the mapping, and wait for a writer
   *     forever)
   * @throws AccessDeniedException if it cannot be read
   */
  public static void requireDumpFile(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such heap dump file");
    }
    if (!Files.isRegularFile(file)) {
      throw new FileSystemException(file.toString(), null, Files.isDirectory(file)
          ? "a directory where a heap dump file was expected"
          : "not a regular file (a pipe, a device or a socket): save the dump to a file first");
    }
    if (!Files.isReadable(file)) {
      throw new AccessDeniedException(file.toString(), null, "the heap dump file is not readable");
    }
  }

  /** Deletes a decompressed copy after {@code failure}, which stays the error to report. */
  private static void deleteCopy(Path copy, Exception failure) {
    try {
      Gunzip.delete(copy);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e); // on Windows a copy still mapped cannot be deleted: deleted at exit
    }
  }

  /**
   * Returns the file this graph was read from.
   *
   * @return the path given to {@code open}; for a gzip dump the compressed file, not its temporary copy
   */
  public Path file() {
    return source;
  }

  /**
   * Returns the HPROF version, {@code 1.0.1} or {@code 1.0.2}.
   *
   * @return the version from the file's header, without the {@code JAVA PROFILE} before it
   */
  public String hprofVersion() {
    return g.version;
  }

  /**
   * Returns the identifier size of the dump, 4 or 8 bytes.
   *
   * @return the number of bytes of every object id in the file, and so of every reference in field and
   *     array data
   */
  public int idSize() {
    return g.idSize;
  }

  /**
   * Returns when the dump was written, as the header says.
   *
   * @return the header's milliseconds since 1970-01-01T00:00Z, by the clock of the JVM that wrote it
   */
  public Instant timestamp() {
    return Instant.ofEpochMilli(g.timestampMillis);
  }

  /**
   * Returns the object layout used for shallow sizes and how it was found.
   *
   * @return the layout given to {@link #open(Path, ObjectLayout)}, else the one inferred from the dump;
   *     {@link ObjectLayout#source()} says which
   */
  public ObjectLayout layout() {
    return g.layout;
  }

  /**
   * Returns the dumped JVM's system properties, or an empty map if the dump does not hold them.
   *
   * @return an unmodifiable map read once, when the graph was built, from {@code java.lang.System.props}
   */
  public Map<String, String> systemProperties() {
    return g.systemProperties;
  }

  /**
   * Returns the number of objects in the dump, reachable or not.
   *
   * @return the number of instances, arrays and class objects; object indexes run from 0 to one less
   */
  public int objectCount() {
    return g.ids.size();
  }

  /**
   * Returns the number of objects reachable from a GC root.
   *
   * @return how many objects {@link #isReachable(int)} accepts, at most {@link #objectCount()}
   */
  public int reachableCount() {
    return g.reachableCount;
  }

  /**
   * Returns whether a GC root reaches object {@code object}.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return true if it is reached from a root by following references (weak, soft and phantom ones
   *     too, as the dump does not say which were cleared) and from every object reached to its class
   */
  public boolean isReachable(int object) {
    return g.isReachable(object);
  }

  /**
   * Returns what GC roots reach when the objects {@code excluded} accepts are not in the dump:
   * neither marked nor followed, nor are their classes kept alive by them. One bit per object index
   * (bit {@code i % 64} of word {@code i / 64}). Computed anew on each call.
   *
   * @param excluded accepts the indexes of the objects to treat as absent; asked when the walk meets an
   *     object, possibly more than once for the same one
   * @return a new array of {@code (objectCount() + 63) / 64} words, a bit set for each object reached
   * @throws NotEnoughMemoryException if the Java heap runs out during the walk (it needs about 5 bytes
   *     per object), naming this graph's file, instead of an {@link OutOfMemoryError}
   */
  public long[] reachableWithout(IntPredicate excluded) {
    return reachableWithout(excluded, null);
  }

  /**
   * Returns what GC roots reach when the objects {@code excluded} accepts are not in the dump (as
   * {@link #reachableWithout(IntPredicate)}) and the root records {@code excludedRoot} accepts, by
   * their index in {@link #roots()}, are not roots: an object they hold stays when another root
   * reaches it. Computed anew on each call.
   *
   * @param excluded accepts the indexes of the objects to treat as absent, as for the method above
   * @param excludedRoot accepts the positions in {@link #roots()} of the root records to ignore
   * @return a new array of {@code (objectCount() + 63) / 64} words, a bit set for each object reached
   * @throws NotEnoughMemoryException if the Java heap runs out during the walk, as above
   */
  public long[] reachableWithout(IntPredicate excluded, IntPredicate excludedRoot) {
    try {
      return Reachability.without(g, excluded, excludedRoot);
    } catch (OutOfMemoryError | RuntimeException e) {
      if (!NotEnoughMemoryException.isHeapExhaustion(e)) {
        throw e;
      }
      // A bit per object and a stack of up to an int per object.
      throw notEnoughMemory("mark the live objects of", e, 5L * objectCount());
    }
  }

  /**
   * The Java heap running out ({@code e}) as a {@link NotEnoughMemoryException} naming this graph's
   * file; {@code neededBytes} is about what the work allocates.
   */
  private NotEnoughMemoryException notEnoughMemory(String work, Throwable e, long neededBytes) {
    return new NotEnoughMemoryException(work, List.of(source), objectCount(), neededBytes, e);
  }

  /**
   * Returns the id (address) of an object.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return the id the dump gives the object, which HotSpot writes as its address at the time of the dump
   */
  public long id(int object) {
    return g.id(object);
  }

  /**
   * Returns the index of the object with the {@code rank}-th smallest id: iterating ranks 0 to
   * {@code objectCount() - 1} visits the objects in address order.
   *
   * @param rank from 0 (the smallest id) to {@code objectCount() - 1} (the largest)
   * @return an object index
   */
  public int objectAtIdRank(int rank) {
    return g.ids.indexAtRank(rank);
  }

  /**
   * Returns the index of every object in increasing id order: element {@code r} is {@link
   * #objectAtIdRank(int) objectAtIdRank(r)}, all of them made in one pass.
   *
   * @return a new array of {@link #objectCount()} object indexes, the one with the smallest id first
   */
  public int[] objectsInIdOrder() {
    int[] out = new int[objectCount()];
    g.ids.indexesByRank(out);
    return out;
  }

  /**
   * Returns the index of the object with id {@code id}, or -1 if the dump has no such object.
   *
   * @param id an object id (address), as {@link #id(int)} returns it and references hold it
   * @return the object index, or -1 (for a dangling reference, for one)
   */
  public int indexOf(long id) {
    return g.ids.indexOf(id);
  }

  /**
   * Returns what kind of object {@code object} is.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return the kind of the record that holds it: INSTANCE, OBJECT ARRAY, PRIMITIVE ARRAY or CLASS DUMP
   */
  public ObjectKind kind(int object) {
    return switch (g.kind(object)) {
      case 0x20 -> ObjectKind.CLASS;
      case 0x22 -> ObjectKind.OBJECT_ARRAY;
      case 0x23 -> ObjectKind.PRIMITIVE_ARRAY;
      default -> ObjectKind.INSTANCE;
    };
  }

  /**
   * Returns the class of an object ({@code java.lang.Class} for classes).
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return an element of {@link #classes()}; for an array its array class, such as {@code int[]}
   */
  public HeapClass classOf(int object) {
    return classes.get(g.classOf[object]);
  }

  /**
   * Returns the class index of an object: a cheaper {@code classOf(object).index()}.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return a position in {@link #classes()}
   */
  public int classIndexOf(int object) {
    return g.classOf[object];
  }

  /**
   * Returns all classes, indexed by {@link HeapClass#index()}.
   *
   * @return an unmodifiable list, the same one on every call, with one entry per CLASS DUMP (and any
   *     primitive array class the reader had to add)
   */
  public List<HeapClass> classes() {
    return classes;
  }

  /**
   * Returns the class with the given Java name, if the dump has one (the first, if several loaders).
   *
   * @param name a name as {@link HeapClass#name()} spells it: {@code java.util.HashMap$Node}, {@code int[]}
   * @return the class of that name with the lowest index, or empty if there is none
   */
  public Optional<HeapClass> findClass(String name) {
    for (HeapClass c : classes) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the class described by the CLASS DUMP of {@code object}, if it is a class object.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return the class whose {@link HeapClass#objectIndex()} is {@code object}, or empty for other objects
   */
  public Optional<HeapClass> asClass(int object) {
    int c = g.classOfMirror(object);
    return c < 0 ? Optional.empty() : Optional.of(classes.get(c));
  }

  /**
   * Returns the shallow size of an object in bytes, as the JVM counts it.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return the header, the fields or elements and the padding, by {@link #layout()}; a multiple of 8
   */
  public long shallowSize(int object) {
    return (g.size8[object] & 0xFFFF_FFFFL) << 3;
  }

  /**
   * Returns the length of an array object, or -1 for other objects.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return the number of elements, 0 or more, of an array; -1 for an instance or a class object
   */
  public int arrayLength(int object) {
    return Values.arrayLength(g, object);
  }

  /**
   * Returns element {@code index} of an array: a boxed primitive for primitive arrays, the element's
   * object id as a {@code Long} (0 for null) for object arrays.
   *
   * @param object the index of an array
   * @param index the element's position, from 0 to {@code arrayLength(object) - 1}
   * @return a {@code Boolean}, {@code Character}, {@code Byte}, {@code Short}, {@code Integer},
   *     {@code Long}, {@code Float} or {@code Double} as the array's type says; for an object array a
   *     {@code Long} id, to look up with {@link #indexOf(long)}
   * @throws IllegalArgumentException if {@code object} is not an array
   * @throws IndexOutOfBoundsException if {@code index} is outside the array
   */
  public Object arrayElement(int object, int index) {
    ObjectKind kind = kind(object);
    if (kind != ObjectKind.OBJECT_ARRAY && kind != ObjectKind.PRIMITIVE_ARRAY) {
      throw new IllegalArgumentException("object " + object + " (" + classOf(object).name() + ") is not an array");
    }
    java.util.Objects.checkIndex(index, arrayLength(object));
    if (kind == ObjectKind.OBJECT_ARRAY) {
      return g.in.id(Values.objectArrayData(g, object) + (long) index * g.idSize, g.idSize);
    }
    ValueType type = Values.primitiveType(g, object);
    long at = Values.primitiveData(g, object) + (long) index * type.sizeInDump(g.idSize);
    return box(type, Values.readRaw(g, at, type));
  }

  /**
   * Returns the number of non-null references an object holds to objects in the dump.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return the length of {@link #references(int)}: ids that name no object in the dump are not counted
   */
  public int referenceCount(int object) {
    return g.refStart[object + 1] - g.refStart[object];
  }

  /**
   * Returns the {@code k}-th outgoing reference target of an object.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @param k from 0 to {@code referenceCount(object) - 1}
   * @return the target's object index, element {@code k} of {@link #references(int)}, without copying them
   */
  public int reference(int object, int k) {
    return g.refs[g.refStart[object] + k];
  }

  /**
   * Returns the targets of an object's outgoing references.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return a new array of object indexes in slot order: an instance's reference fields, an array's
   *     elements, or a class's superclass, loader, signers, protection domain, static fields and constant
   *     pool entries; null slots and dangling ids left out, a target held twice listed twice
   */
  public int[] references(int object) {
    int from = g.refStart[object];
    int[] out = new int[g.refStart[object + 1] - from];
    System.arraycopy(g.refs, from, out, 0, out.length);
    return out;
  }

  /**
   * Returns what each reference slot of an object holds, as object indexes with -1 for null (or for
   * an id that names no object in the dump): for an instance one entry per reference field, in the
   * order of {@link #fields(int)}; for an object array one per element; for a class one per static
   * reference field, in the order of {@link HeapClass#staticFields()}; nothing for primitive arrays.
   * Unlike {@link #references(int)}, slot {@code k} of two objects of one class is the same field.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return a new array of {@link #referenceSlotCount(int)} entries
   */
  public int[] referenceSlots(int object) {
    int[] out = new int[referenceSlotCount(object)];
    referenceSlots(object, out, 0);
    return out;
  }

  /**
   * Returns how many entries {@link #referenceSlots(int)} has for an object, without reading them.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return the number of reference fields of an instance's class and superclasses, the length of an
   *     object array, the number of static reference fields of a class, or 0 for a primitive array
   */
  public int referenceSlotCount(int object) {
    return switch (kind(object)) {
      case INSTANCE -> g.shapes[g.classOf[object]].referenceFields.length;
      case OBJECT_ARRAY -> arrayLength(object);
      case CLASS -> staticReferenceCount(record(object));
      default -> 0;
    };
  }

  /**
   * Writes what {@link #referenceSlots(int)} returns into {@code out} from {@code at}, without
   * allocating; for scans over many objects. Uses the references resolved when the dump was opened
   * where it can, instead of looking ids up again.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @param out the array to write into; entries outside the ones written are left as they are
   * @param at the position in {@code out} of the first entry
   * @return the number of entries written, {@link #referenceSlotCount(int)}
   * @throws IndexOutOfBoundsException if {@code out} has too little room
   */
  public int referenceSlots(int object, int[] out, int at) {
    // Resolved references are the non-null slots in slot order when no id in the dump dangles.
    boolean resolved = g.unresolvedReferences == 0;
    int r = g.refStart[object];
    switch (kind(object)) {
      case INSTANCE -> {
        InstanceShape shape = g.shapes[g.classOf[object]];
        int n = shape.referenceOffsets.length;
        Objects.checkFromIndexSize(at, n, out.length);
        if (resolved && g.refStart[object + 1] - r == n) {
          System.arraycopy(g.refs, r, out, at, n); // no null slot: the resolved references are the slots
          return n;
        }
        long data = Values.instanceData(g, object);
        for (int k = 0; k < n; k++) {
          long id = g.in.id(data + shape.referenceOffsets[k], g.idSize);
          out[at + k] = id == 0 ? -1 : resolved ? g.refs[r++] : g.ids.indexOf(id);
        }
        return n;
      }
      case OBJECT_ARRAY -> {
        int n = arrayLength(object);
        Objects.checkFromIndexSize(at, n, out.length);
        if (resolved && g.refStart[object + 1] - r == n) {
          System.arraycopy(g.refs, r, out, at, n);
          return n;
        }
        long data = Values.objectArrayData(g, object);
        for (int k = 0; k < n; k++) {
          long id = g.in.id(data + (long) k * g.idSize, g.idSize);
          out[at + k] = id == 0 ? -1 : resolved ? g.refs[r++] : g.ids.indexOf(id);
        }
        return n;
      }
      case CLASS -> {
        return staticSlots(record(object), out, at);
      }
      default -> {
        return 0;
      }
    }
  }

  /**
   * {@link #referenceSlots(int, int[], int)} of a class object: its static reference fields. A
   * method of its own, which the JIT leaves out of the compiled code of scans over many objects.
   */
  private int staticSlots(ClassRecord c, int[] out, int at) {
    int n = staticReferenceCount(c);
    Objects.checkFromIndexSize(at, n, out.length);
    for (int s = 0, k = 0; s < c.staticTypes.length; s++) {
      if (c.staticTypes[s] == ValueType.OBJECT) {
        out[at + k++] = indexOrNone(c.staticValues[s]);
      }
    }
    return n;
  }

  private static int staticReferenceCount(ClassRecord c) {
    int n = 0;
    for (ValueType t : c.staticTypes) {
      n += t == ValueType.OBJECT ? 1 : 0;
    }
    return n;
  }

  private int indexOrNone(long id) {
    return id == 0 ? -1 : g.ids.indexOf(id);
  }

  /**
   * Returns the raw bits of an instance's primitive field values, in the order of {@link
   * #fields(int)} with the reference fields left out (floats and doubles as their bit patterns,
   * chars, bytes and booleans unsigned); empty for other objects.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return a new array, one value per primitive field of the instance's class and superclasses
   */
  public long[] primitiveValues(int object) {
    if (kind(object) != ObjectKind.INSTANCE) {
      return new long[0];
    }
    InstanceShape shape = g.shapes[g.classOf[object]];
    long[] out = new long[shape.types.length - shape.referenceFields.length];
    long data = Values.instanceData(g, object);
    for (int f = 0, k = 0; f < shape.types.length; f++) {
      if (shape.types[f] != ValueType.OBJECT) {
        long raw = Values.readRaw(g, data + shape.offsets[f], shape.types[f]);
        out[k++] = shape.types[f] == ValueType.BOOLEAN || shape.types[f] == ValueType.BYTE ? raw & 0xFF : raw;
      }
    }
    return out;
  }

  /**
   * Writes the raw bits of an instance's primitive field values into {@code out}, as {@link
   * #primitiveValues(int)} returns them, without allocating; for scans over many instances.
   *
   * @param instance an object of kind {@link ObjectKind#INSTANCE}
   * @param out at least as long as the instance's primitive fields
   * @return the number of values written
   */
  public int primitiveValues(int instance, long[] out) {
    InstanceShape shape = g.shapes[g.classOf[instance]];
    long data = Values.instanceData(g, instance);
    int k = 0;
    for (int f = 0; f < shape.types.length; f++) {
      if (shape.types[f] != ValueType.OBJECT) {
        long raw = Values.readRaw(g, data + shape.offsets[f], shape.types[f]);
        out[k++] = shape.types[f] == ValueType.BOOLEAN || shape.types[f] == ValueType.BYTE ? raw & 0xFF : raw;
      }
    }
    return k;
  }

  /**
   * Returns a 64-bit hash of an instance's primitive field values (equal values, equal hashes; the
   * reference fields are left out), read as raw bytes, a word at a time, without decoding each
   * field; for comparing many instances of one class. Two instances of different classes may share a
   * hash.
   *
   * @param instance an object of kind {@link ObjectKind#INSTANCE}
   * @return the hash, the same in every run: it depends only on the field values' bytes
   */
  public long primitiveFieldsHash(int instance) {
    return ContentHash.instance(g, instance, g.shapes[g.classOf[instance]].primitiveRuns);
  }

  /**
   * Returns a 64-bit hash of a primitive array's element type and elements (equal contents, equal
   * hashes), or of an object array's length; 0 for instances and classes.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return the hash, the same in every run and for every graph: it depends only on the array's type,
   *     length and element bytes (for an object array, on its length alone)
   */
  public long arrayContentHash(int object) {
    return switch (kind(object)) {
      case PRIMITIVE_ARRAY -> ContentHash.primitiveArray(g, object);
      case OBJECT_ARRAY -> ContentHash.objectArray(g, object);
      default -> 0;
    };
  }

  /**
   * Returns a 64-bit hash of an object's own contents, made as the dump was opened, for comparing
   * every object of a dump with another dump's: for an instance its primitive fields (as {@link
   * #primitiveFieldsHash}, but without the fields of {@code java.lang.String} that cache its hash, set
   * on first use), for an array its contents (as {@link #arrayContentHash}), for a class object the
   * class's name; each xored with a hash of the name of the object's class, so that equal contents of
   * classes of different names hash apart. Equal contents and class names give equal hashes in every
   * dump, whatever the objects' and classes' ids; the class's loader does not count.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return the hash; different contents or class names give different hashes but for a chance of
   *     about 2^-64
   */
  public long contentHash(int object) {
    return g.contentHash[object];
  }

  /**
   * Returns an object's outgoing references with the field name or array index that holds each.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return a new list in the order of {@link #references(int)}, one entry per target held; empty for
   *     a primitive array
   */
  public List<HeapReference> namedReferences(int object) {
    List<HeapReference> out = new ArrayList<>(referenceCount(object));
    switch (kind(object)) {
      case INSTANCE -> {
        InstanceShape shape = g.shapes[g.classOf[object]];
        for (int r = 0; r < shape.referenceFields.length; r++) {
          addNamed(out, shape.names[shape.referenceFields[r]],
              Values.fieldRaw(g, object, shape.referenceFields[r]));
        }
      }
      case OBJECT_ARRAY -> {
        long data = Values.objectArrayData(g, object);
        int length = arrayLength(object);
        for (int i = 0; i < length; i++) {
          addNamed(out, "[" + i + "]", g.in.id(data + (long) i * g.idSize, g.idSize));
        }
      }
      case CLASS -> {
        ClassRecord c = record(object);
        addNamed(out, "<super>", c.superId);
        addNamed(out, "<classloader>", c.loaderId);
        addNamed(out, "<signers>", c.signersId);
        addNamed(out, "<protection domain>", c.protectionDomainId);
        for (int s = 0; s < c.staticTypes.length; s++) {
          if (c.staticTypes[s] == ValueType.OBJECT) {
            addNamed(out, g.name(c.staticNameIds[s]), c.staticValues[s]);
          }
        }
        for (long ref : c.constantPoolRefs) {
          addNamed(out, "<constant pool>", ref);
        }
      }
      case PRIMITIVE_ARRAY -> {
        // none
      }
    }
    return out;
  }

  private void addNamed(List<HeapReference> out, String name, long id) {
    if (id != 0) {
      int target = g.ids.indexOf(id);
      if (target >= 0) {
        out.add(new HeapReference(name, target));
      }
    }
  }

  private ClassRecord record(int classObject) {
    int c = g.classOfMirror(classObject);
    if (c < 0) {
      throw new IllegalArgumentException("object " + classObject + " is not a class");
    }
    return g.classes[c];
  }

  /**
   * Returns the objects that hold a reference to {@code object} (once per reference). The index of
   * incoming references is built on first use, in time linear in the number of references.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return a new array of referrer indexes in increasing order, reachable or not; a referrer that
   *     holds {@code object} in two slots is listed twice
   * @throws NotEnoughMemoryException if the Java heap cannot hold the index of incoming references
   *     (built on the first call: 8 bytes per object and 4 per reference), naming this graph's file
   */
  public int[] referrers(int object) {
    int[] start = inStart;
    if (start == null) {
      buildIncoming();
      start = inStart;
    }
    int from = start[object];
    int[] out = new int[start[object + 1] - from];
    System.arraycopy(inRefs, from, out, 0, out.length);
    return out;
  }

  private synchronized void buildIncoming() {
    if (inStart != null) {
      return;
    }
    try {
      indexIncoming();
    } catch (OutOfMemoryError | RuntimeException e) {
      if (!NotEnoughMemoryException.isHeapExhaustion(e)) {
        throw e;
      }
      throw notEnoughMemory("index the referrers of", e, 8L * objectCount() + 4L * g.refs.length);
    }
  }

  private void indexIncoming() {
    int n = g.ids.size();
    int[] start = new int[n + 1];
    for (int target : g.refs) {
      start[target + 1]++;
    }
    for (int i = 0; i < n; i++) {
      start[i + 1] += start[i];
    }
    int[] fill = new int[n];
    int[] refs = new int[g.refs.length];
    for (int source = 0; source < n; source++) {
      for (int r = g.refStart[source]; r < g.refStart[source + 1]; r++) {
        int target = g.refs[r];
        refs[start[target] + fill[target]++] = source;
      }
    }
    inRefs = refs;
    inStart = start;
  }

  /**
   * Returns the GC roots of the dump, in file order.
   *
   * @return a new list on each call, one entry per root record whose object is in the dump (records
   *     naming an id that is not are left out); an object may be rooted by several records
   */
  public List<GcRoot> roots() {
    List<GcRoot> out = new ArrayList<>(g.rootObjects.length);
    for (int r = 0; r < g.rootObjects.length; r++) {
      out.add(new GcRoot(g.rootObjects[r], RootKind.ofTag(g.rootKinds[r] & 0xFF), g.rootThreads[r],
          g.rootFrames[r]));
    }
    return out;
  }

  /**
   * Returns the threads of the dump with their stacks, in the order of their root records.
   *
   * @return a new list on each call, one entry per ROOT THREAD OBJECT record, the thread names and
   *     stacks read again each time
   */
  public List<HeapThread> threads() {
    RecordScanner scan = g.extra;
    List<HeapThread> out = new ArrayList<>(scan.threadObjectIds.size());
    for (int t = 0; t < scan.threadObjectIds.size(); t++) {
      int object = indexOf(scan.threadObjectIds.get(t));
      String name = "";
      if (object >= 0) {
        int nameObject = Values.referenceField(g, object, "name");
        name = nameObject < 0 ? "" : Values.string(g, nameObject, 200);
        name = name == null ? "" : name;
      }
      out.add(new HeapThread(scan.threadSerials.get(t), object, name,
          StackTraces.frames(g, scan.threadTraceSerials.get(t))));
    }
    return out;
  }

  /**
   * Returns the thread with serial {@code serial}, if the dump has it.
   *
   * @param serial a thread serial number, as {@link GcRoot#threadSerial()} gives it
   * @return the first thread of {@link #threads()} with that serial, or empty (for -1, for one)
   */
  public Optional<HeapThread> thread(int serial) {
    return threads().stream().filter(t -> t.serial() == serial).findFirst();
  }

  /**
   * Returns the value of a {@code java.lang.String} object, if {@code object} is one.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return the whole string, decoded from its {@code value} array (chars, or Latin-1 or UTF-16 bytes);
   *     empty if the object is not a string or its value array is not in the dump
   */
  public Optional<String> stringValue(int object) {
    return stringValue(object, Integer.MAX_VALUE);
  }

  /**
   * Returns at most the first {@code maxChars} characters of a {@code java.lang.String} object.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @param maxChars the most UTF-16 code units to decode, 0 or more; only those are read from the file
   * @return the string, cut without a mark; empty as for {@link #stringValue(int)}
   */
  public Optional<String> stringValue(int object, int maxChars) {
    return Optional.ofNullable(Values.string(g, object, maxChars));
  }

  /**
   * Returns the instance fields of an object with their values, own fields first; empty for non-instances.
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @return a new list: the fields its class declares, then its superclass's, and so on up; a class's
   *     static fields are in {@link HeapClass#staticFields()} instead
   */
  public List<HeapField> fields(int object) {
    if (kind(object) != ObjectKind.INSTANCE) {
      return List.of();
    }
    InstanceShape shape = g.shapes[g.classOf[object]];
    List<HeapField> out = new ArrayList<>(shape.names.length);
    for (int f = 0; f < shape.names.length; f++) {
      out.add(new HeapField(shape.names[f], shape.types[f], box(shape.types[f], Values.fieldRaw(g, object, f))));
    }
    return out;
  }

  /**
   * Returns the value of the named field of an instance (the most derived one if names repeat).
   *
   * @param object an object index, from 0 to {@code objectCount() - 1}
   * @param name the field's simple name, such as {@code value}
   * @return the field with its value, or empty if the object is not an instance or has no such field
   */
  public Optional<HeapField> field(int object, String name) {
    return fields(object).stream().filter(f -> f.name().equals(name)).findFirst();
  }

  private static Object box(ValueType type, long raw) {
    return switch (type) {
      case OBJECT, LONG -> raw;
      case BOOLEAN -> raw != 0;
      case BYTE -> (byte) raw;
      case CHAR -> (char) raw;
      case SHORT -> (short) raw;
      case INT -> (int) raw;
      case FLOAT -> Float.intBitsToFloat((int) raw);
      case DOUBLE -> Double.longBitsToDouble(raw);
    };
  }

  /**
   * Returns the number of reference ids in the dump that point to no object in it.
   *
   * @return 0 for a complete dump; each such id is left out of {@link #references(int)} and is -1 in
   *     {@link #referenceSlots(int)}
   */
  public long danglingReferenceCount() {
    return g.unresolvedReferences;
  }

  private HeapClass describe(int c) {
    ClassRecord r = g.classes[c];
    List<FieldDescriptor> fields = new ArrayList<>();
    for (int f = 0; f < r.fieldNameIds.length; f++) {
      fields.add(new FieldDescriptor(g.name(r.fieldNameIds[f]), r.fieldTypes[f]));
    }
    List<HeapField> statics = new ArrayList<>();
    for (int s = 0; s < r.staticTypes.length; s++) {
      statics.add(new HeapField(g.name(r.staticNameIds[s]), r.staticTypes[s], box(r.staticTypes[s], r.staticValues[s])));
    }
    boolean array = r.name.endsWith("[]");
    return new HeapClass(c, r.name, r.objectIndex, r.superIndex, array ? 0 : g.instanceSize[c],
        List.copyOf(fields), List.copyOf(statics), r.loaderId);
  }

  /** Deletes the decompressed copy of a gzip dump, if one was made. */
  @Override
  public void close() throws IOException {
    if (temporary != null) {
      Gunzip.delete(temporary);
    }
  }

  @Override
  public String toString() {
    long total = 0;
    for (int i = 0; i < g.ids.size(); i++) {
      if (g.isReachable(i)) {
        total += shallowSize(i);
      }
    }
    return String.format("HeapGraph[%s: %,d objects (%,d reachable, %,d bytes), %,d classes, %,d roots, %s]",
        source.getFileName(), objectCount(), reachableCount(), total, classes.size(), g.rootObjects.length,
        g.layout);
  }
}
