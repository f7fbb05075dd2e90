package dev.heapdiff.hprof;

import java.util.List;

/**
 * A thread of the dumped JVM: its {@code java.lang.Thread} object and the stack the dump recorded.
 *
 * @param serial the thread serial number that GC roots refer to
 * @param object the index of the thread's {@code java.lang.Thread} object, or -1 if not in the dump
 * @param name the thread's name, or empty if it cannot be read
 * @param frames the stack, innermost frame first (frame numbers of Java frame roots index it)
 */
public record HeapThread(int serial, int object, String name, List<StackFrame> frames) {
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("\"").append(name).append("\" (serial ").append(serial).append(')');
    for (StackFrame frame : frames) {
      out.append("\n    ").append(frame);
    }
    return out.toString();
  }
}
