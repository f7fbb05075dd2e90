package dev.heapdiff.hprof;

/**
 * An outgoing reference of an object.
 *
 * @param name how the referrer holds the target: a field name, {@code [i]} for an array slot, a
 *     static field name for classes, or {@code <super>}, {@code <classloader>}, {@code <signers>},
 *     {@code <protection domain>}, {@code <constant pool>}
 * @param target the index of the referenced object
 */
public record HeapReference(String name, int target) {}
