package dev.heapdiff.hprof;

/**
 * A frame of a thread's stack as the dump recorded it.
 *
 * @param className the Java name of the method's class
 * @param method the method name
 * @param signature the method descriptor, such as {@code (I)V}
 * @param sourceFile the source file name, or empty if unknown
 * @param line the line number; 0 or negative when unknown (-2 compiled, -3 native)
 */
public record StackFrame(String className, String method, String signature, String sourceFile, int line) {
  @Override
  public String toString() {
    String where = line == -3 ? "Native Method"
        : sourceFile.isEmpty() ? "Unknown Source"
        : line > 0 ? sourceFile + ":" + line : sourceFile;
    return "at " + className + "." + method + "(" + where + ")";
  }
}
