package dev.heapdiff.hprof;

/**
 * One GC root record of a dump.
 *
 * @param object the index of the rooted object in its {@link HeapGraph}
 * @param kind the kind of root
 * @param threadSerial the serial number of the thread that holds the root, or -1 if none
 * @param frame the stack frame number for Java frame and JNI local roots, or -1
 */
public record GcRoot(int object, RootKind kind, int threadSerial, int frame) {}
