package dev.heapdiff.testdata.truth;

import java.io.IOException;

/**
 * Where the object ids sit in the sub-records of a HEAP DUMP (SEGMENT): the one place that knows
 * the layout of every root, CLASS DUMP, INSTANCE DUMP and array record. Reachability and id
 * rewriting both walk records through here, so what one follows the other rewrites.
 */
final class SubRecords {
  static final int ROOT_UNKNOWN = 0xFF;
  static final int ROOT_JNI_GLOBAL = 0x01;
  static final int ROOT_JNI_LOCAL = 0x02;
  static final int ROOT_JAVA_FRAME = 0x03;
  static final int ROOT_NATIVE_STACK = 0x04;
  static final int ROOT_STICKY_CLASS = 0x05;
  static final int ROOT_THREAD_BLOCK = 0x06;
  static final int ROOT_MONITOR_USED = 0x07;
  static final int ROOT_THREAD_OBJECT = 0x08;
  static final int CLASS_DUMP = 0x20;
  static final int INSTANCE_DUMP = 0x21;
  static final int OBJECT_ARRAY_DUMP = 0x22;
  static final int PRIMITIVE_ARRAY_DUMP = 0x23;

  /** The HPROF tag of the OBJECT basic type. */
  static final int OBJECT = 2;

  /** What an id slot holds. */
  enum Role {
    /** The id of the object the record describes. */
    SELF,
    /** The class of an instance or object array. */
    CLASS,
    /** A reference to another object: a field, element, static or constant, a class's super or loader. */
    REFERENCE,
    /** The object a GC root record roots. */
    ROOT
  }

  /** Receives the byte offsets of id slots. */
  interface SlotSink {
    void slot(long offset, Role role);
  }

  /** The instance layouts a walker needs: for a class id, the offsets of references in its instances' data. */
  interface Layouts {
    int[] referenceOffsets(long classId);
  }

  private SubRecords() {}

  static boolean isRoot(int tag) {
    return tag == ROOT_UNKNOWN || (tag >= ROOT_JNI_GLOBAL && tag <= ROOT_THREAD_OBJECT);
  }

  static boolean isObject(int tag) {
    return tag >= CLASS_DUMP && tag <= PRIMITIVE_ARRAY_DUMP;
  }

  /** Returns the size in a dump of a value of basic type {@code type}. */
  static int valueSize(int type, int idSize, HprofInput in, long p) throws IOException {
    return switch (type) {
      case OBJECT -> idSize;
      case 4, 8 -> 1;
      case 5, 9 -> 2;
      case 6, 10 -> 4;
      case 7, 11 -> 8;
      default -> throw in.error(p, "unknown basic type " + type);
    };
  }

  /** Returns where the sub-record starting at {@code p} (at its tag) ends. */
  static long end(HprofInput in, long p) throws IOException {
    int id = in.idSize;
    int tag = in.u1(p);
    long body = p + 1;
    return switch (tag) {
      case ROOT_UNKNOWN, ROOT_STICKY_CLASS, ROOT_MONITOR_USED -> body + id;
      case ROOT_JNI_GLOBAL -> body + 2L * id;
      case ROOT_JNI_LOCAL, ROOT_JAVA_FRAME, ROOT_THREAD_OBJECT -> body + id + 8;
      case ROOT_NATIVE_STACK, ROOT_THREAD_BLOCK -> body + id + 4;
      case CLASS_DUMP -> classDumpEnd(in, body);
      case INSTANCE_DUMP -> body + 2L * id + 8 + in.u4(body + id + 4 + id);
      case OBJECT_ARRAY_DUMP -> body + 2L * id + 8 + in.u4(body + id + 4) * id;
      case PRIMITIVE_ARRAY_DUMP -> {
        long length = in.u4(body + id + 4);
        int type = in.u1(body + id + 8);
        yield body + id + 9 + length * valueSize(type, id, in, body + id + 8);
      }
      default -> throw in.error(p, String.format("unknown heap dump sub-record tag 0x%02x", tag));
    };
  }

  private static long classDumpEnd(HprofInput in, long body) throws IOException {
    int id = in.idSize;
    long p = body + 7L * id + 8;
    int constants = in.u2(p);
    p += 2;
    for (int i = 0; i < constants; i++) {
      p += 3 + valueSize(in.u1(p + 2), id, in, p + 2);
    }
    int statics = in.u2(p);
    p += 2;
    for (int i = 0; i < statics; i++) {
      p += id + 1 + valueSize(in.u1(p + id), id, in, p + id);
    }
    int fields = in.u2(p);
    return p + 2 + (long) fields * (id + 1);
  }

  /**
   * Reports every object id slot of the sub-record at {@code p}. A JNI global root's second id is
   * the address of the JNI handle, not an object, and is not reported; nor are name ids.
   */
  static void slots(HprofInput in, long p, Layouts layouts, SlotSink sink) throws IOException {
    int id = in.idSize;
    int tag = in.u1(p);
    long body = p + 1;
    switch (tag) {
      case ROOT_UNKNOWN, ROOT_JNI_GLOBAL, ROOT_JNI_LOCAL, ROOT_JAVA_FRAME, ROOT_NATIVE_STACK, ROOT_STICKY_CLASS,
          ROOT_THREAD_BLOCK, ROOT_MONITOR_USED, ROOT_THREAD_OBJECT -> sink.slot(body, Role.ROOT);
      case CLASS_DUMP -> classDumpSlots(in, body, sink);
      case INSTANCE_DUMP -> {
        sink.slot(body, Role.SELF);
        long classSlot = body + id + 4;
        sink.slot(classSlot, Role.CLASS);
        long data = classSlot + id + 4;
        long length = in.u4(classSlot + id);
        for (int offset : layouts.referenceOffsets(in.id(classSlot))) {
          if (offset + id > length) {
            throw in.error(p, "instance data of " + length + " bytes is shorter than its class's fields");
          }
          sink.slot(data + offset, Role.REFERENCE);
        }
      }
      case OBJECT_ARRAY_DUMP -> {
        sink.slot(body, Role.SELF);
        long length = in.u4(body + id + 4);
        long classSlot = body + id + 8;
        sink.slot(classSlot, Role.CLASS);
        for (long k = 0, e = classSlot + id; k < length; k++, e += id) {
          sink.slot(e, Role.REFERENCE);
        }
      }
      case PRIMITIVE_ARRAY_DUMP -> sink.slot(body, Role.SELF);
      default -> throw in.error(p, String.format("unknown heap dump sub-record tag 0x%02x", tag));
    }
  }

  private static void classDumpSlots(HprofInput in, long body, SlotSink sink) throws IOException {
    int id = in.idSize;
    sink.slot(body, Role.SELF);
    long p = body + id + 4;
    // superclass, loader, signers, protection domain, two reserved ids (0 in HotSpot's dumps)
    for (int k = 0; k < 6; k++, p += id) {
      sink.slot(p, Role.REFERENCE);
    }
    p += 4; // instance size
    int constants = in.u2(p);
    p += 2;
    for (int i = 0; i < constants; i++) {
      int type = in.u1(p + 2);
      if (type == OBJECT) {
        sink.slot(p + 3, Role.REFERENCE);
      }
      p += 3 + valueSize(type, id, in, p + 2);
    }
    int statics = in.u2(p);
    p += 2;
    for (int i = 0; i < statics; i++) {
      int type = in.u1(p + id);
      if (type == OBJECT) {
        sink.slot(p + id + 1, Role.REFERENCE);
      }
      p += id + 1 + valueSize(type, id, in, p + id);
    }
  }
}
