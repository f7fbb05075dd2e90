package dev.heapdiff.hprof;

/** The kinds of GC roots a HotSpot heap dump records. */
public enum RootKind {
  UNKNOWN("unknown"),
  JNI_GLOBAL("JNI global"),
  JNI_LOCAL("JNI local"),
  JAVA_FRAME("Java frame"),
  NATIVE_STACK("native stack"),
  STICKY_CLASS("system class"),
  THREAD_BLOCK("thread block"),
  MONITOR_USED("busy monitor"),
  THREAD_OBJECT("thread");

  private final String label;

  RootKind(String label) {
    this.label = label;
  }

  /** Returns a short human-readable label, as used in paths from roots. */
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
