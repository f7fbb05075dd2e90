/**
 * Reads a HotSpot heap dump (HPROF 1.0.1 or 1.0.2, plain or gzip) into a compact, immutable object
 * graph, with no dependencies beyond the JDK.
 *
 * <p>{@link dev.heapdiff.hprof.HeapGraph#open(java.nio.file.Path)} is the entry point. Objects are
 * numbered from 0, and the graph answers by number: class ({@link dev.heapdiff.hprof.HeapClass}),
 * kind, shallow size, fields, array elements, references both ways, and whether a GC root reaches it;
 * {@link dev.heapdiff.hprof.GcRoot}, {@link dev.heapdiff.hprof.HeapThread} and
 * {@link dev.heapdiff.hprof.StackFrame} describe the roots and the threads' stacks. A file that is not
 * a readable dump throws {@link dev.heapdiff.hprof.HprofFormatException}, naming the byte offset; a
 * heap too small for the graph throws {@link dev.heapdiff.hprof.NotEnoughMemoryException}. The index
 * behind the graph lives in {@code dev.heapdiff.hprof.internal}, which is not API.
 */
package dev.heapdiff.hprof;
