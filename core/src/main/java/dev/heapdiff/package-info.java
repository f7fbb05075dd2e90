/**
 * Heap snapshots and the sets of objects in them, explored as with Python's heapy: take a snapshot,
 * run the suspect code, take another, and look at what is new, grouped by class, down to single
 * objects and the paths that keep them alive.
 *
 * <p>{@link dev.heapdiff.Heap} makes a {@link dev.heapdiff.Snapshot}, of this JVM
 * ({@link dev.heapdiff.Heap#snapshot()}) or of a dump file ({@link dev.heapdiff.Heap#load(java.nio.file.Path)});
 * the dump is read when the snapshot is first analysed. A snapshot is the {@link dev.heapdiff.ObjectSet}
 * of all its live objects: sets combine within one snapshot, and {@code after.minus(before)} is the
 * set of new objects, matched across the two dumps. A set's {@code by…} methods give a
 * {@link dev.heapdiff.Partition} (heapy's table, every row a set again) or an
 * {@link dev.heapdiff.ObjectListing}, and {@link dev.heapdiff.ShortestPaths},
 * {@link dev.heapdiff.RootPath} and {@link dev.heapdiff.ReferencePattern} show what holds it; single
 * objects are {@link dev.heapdiff.HeapObject}s. Each prints as heapy would show it: tables and paths
 * ten rows at a time, with {@code more()} for the next ten and {@code all()} for every one.
 */
package dev.heapdiff;
