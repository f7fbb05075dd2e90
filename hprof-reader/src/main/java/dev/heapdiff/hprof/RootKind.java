package dev.heapdiff.hprof;

/** The kinds of GC roots a HotSpot heap dump records. */
public enum RootKind {
  /** ROOT UNKNOWN (tag 0xFF): a root of no stated kind; also any root tag this reader does not know. */
  UNKNOWN("unknown"),
  /** ROOT JNI GLOBAL (tag 0x01): an object held by a JNI global reference of native code. */
  JNI_GLOBAL("JNI global"),
  /** ROOT JNI LOCAL (tag 0x02): an object held by a JNI local reference; the record names thread and frame. */
  JNI_LOCAL("JNI local"),
  /** ROOT JAVA FRAME (tag 0x03): an object held by a local variable of a Java frame; thread and frame named. */
  JAVA_FRAME("Java frame"),
  /** ROOT NATIVE STACK (tag 0x04): an object held on a thread's native stack; the record names the thread. */
  NATIVE_STACK("native stack"),
  /** ROOT STICKY CLASS (tag 0x05): a class the JVM keeps loaded; in HotSpot's dumps, a bootstrap class. */
  STICKY_CLASS("system class"),
  /** ROOT THREAD BLOCK (tag 0x06): an object held from a thread block; the record names the thread. */
  THREAD_BLOCK("thread block"),
  /** ROOT MONITOR USED (tag 0x07): an object whose monitor is in use, as by a thread inside {@code synchronized}. */
  MONITOR_USED("busy monitor"),
  /** ROOT THREAD OBJECT (tag 0x08): a live thread's {@code java.lang.Thread} object, with its serial number. */
  THREAD_OBJECT("thread");

  private final String label;

  RootKind(String label) {
    this.label = label;
  }

  /**
   * Returns a short human-readable label, as used in paths from roots.
   *
   * @return two words at most, lower case but for JNI and Java: {@code "system class"} as in
   *     {@code Root(system class) java.lang.System}, {@code "Java frame"} as in a {@code byVia()} row's
   *     {@code root: Java frame}
   */
  public String label() {
    return label;
  }

  static RootKind ofTag(int tag) {
    return switch (tag) {
      case 0x01 -> JNI_GLOBAL;
      case 0x02 -> JNI_LOCAL;
      case 0x03 -> JAVA_FRAME;
      case 0x04 -> NATIVE_STACK;
      case 0x05 -> STICKY_CLASS;
      case 0x06 -> THREAD_BLOCK;
      case 0x07 -> MONITOR_USED;
      case 0x08 -> THREAD_OBJECT;
      default -> UNKNOWN;
    };
  }
}
