package dev.heapdiff.internal;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A few objects in a well-formed HotSpot dump (8-byte ids): a root array of {@code warmup.Node}s,
 * each with a {@code String} name over a {@code byte[]}. The later of the pair holds two more nodes
 * and a longer array. Reading and diffing such a pair before the first snapshot of a JVM makes the
 * JDK load the classes and fill the caches that an analysis needs (file mapping, number formats,
 * regular expressions, lambdas), so that they are in that first snapshot instead of new in the next
 * one whenever the user looks at a snapshot in between.
 */
public final class WarmUpDump {
  private static final int ID_SIZE = 8;
  private static final long OBJECT = 0x100;
  private static final long STRING = 0x110;
  private static final long BYTES = 0x120;
  private static final long NODE = 0x130;
  private static final long ARRAY = 0x140;
  private static final int TYPE_OBJECT = 2;
  private static final int TYPE_BYTE = 8;
  private static final int TYPE_INT = 10;

  private WarmUpDump() {}

  /** Writes the earlier ({@code later} false) or the later dump of the pair into {@code file}. */
  public static void write(Path file, boolean later) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.write("JAVA PROFILE 1.0.2\0".getBytes(StandardCharsets.US_ASCII));
      out.writeInt(ID_SIZE);
      out.writeLong(0);
      String[] names = {"java/lang/Object", "[B", "java/lang/String", "warmup/Node", "[Ljava/lang/Object;",
          "value", "coder", "hash", "next", "name"};
      for (int k = 0; k < names.length; k++) {
        byte[] text = names[k].getBytes(StandardCharsets.UTF_8);
        record(out, 0x01, ID_SIZE + text.length);
        out.writeLong(name(k));
        out.write(text);
      }
      long[] classes = {OBJECT, BYTES, STRING, NODE, ARRAY};
      for (int k = 0; k < classes.length; k++) {
        record(out, 0x02, 4 + ID_SIZE + 4 + ID_SIZE);
        out.writeInt(k + 1);
        out.writeLong(classes[k]);
        out.writeInt(0);
        out.writeLong(name(k));
      }
      byte[] heap = heap(later ? 5 : 3);
      record(out, 0x1C, heap.length);
      out.write(heap);
      record(out, 0x2C, 0);
    }
  }

  /** The one heap dump segment: the classes, their roots, and the objects. */
  private static byte[] heap(int nodes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(bytes);
    classDump(h, OBJECT, 0, 0);
    classDump(h, BYTES, OBJECT, 0);
    classDump(h, STRING, OBJECT, ID_SIZE + 1 + 4, 5, TYPE_OBJECT, 6, TYPE_BYTE, 7, TYPE_INT);
    classDump(h, NODE, OBJECT, 2 * ID_SIZE + 4, 8, TYPE_OBJECT, 9, TYPE_OBJECT, 5, TYPE_INT);
    classDump(h, ARRAY, OBJECT, 0);
    for (long c : new long[] {OBJECT, BYTES, STRING, NODE, ARRAY}) {
      h.writeByte(0x05); // sticky class root
      h.writeLong(c);
    }
    h.writeByte(0xFF); // root of unknown kind
    h.writeLong(0x1000);
    h.writeByte(0x22);
    h.writeLong(0x1000);
    h.writeInt(0);
    h.writeInt(nodes);
    h.writeLong(ARRAY);
    for (int k = 0; k < nodes; k++) {
      h.writeLong(node(k));
    }
    for (int k = 0; k < nodes; k++) {
      h.writeByte(0x21);
      h.writeLong(node(k));
      h.writeInt(0);
      h.writeLong(NODE);
      h.writeInt(2 * ID_SIZE + 4);
      h.writeLong(k + 1 < nodes ? node(k + 1) : 0);
      h.writeLong(node(k) + 0x1_0000);
      h.writeInt(k);
      h.writeByte(0x21);
      h.writeLong(node(k) + 0x1_0000);
      h.writeInt(0);
      h.writeLong(STRING);
      h.writeInt(ID_SIZE + 1 + 4);
      h.writeLong(node(k) + 0x2_0000);
      h.writeByte(0);
      h.writeInt(0);
      byte[] text = ("node-" + k).getBytes(StandardCharsets.ISO_8859_1);
      h.writeByte(0x23);
      h.writeLong(node(k) + 0x2_0000);
      h.writeInt(0);
      h.writeInt(text.length);
      h.writeByte(TYPE_BYTE);
      h.write(text);
    }
    return bytes.toByteArray();
  }

  /** A CLASS DUMP without statics: {@code fields} are pairs of a name's index and a type. */
  private static void classDump(DataOutputStream h, long id, long superId, int instanceSize, int... fields)
      throws IOException {
    h.writeByte(0x20);
    h.writeLong(id);
    h.writeInt(0);
    h.writeLong(superId);
    for (int k = 0; k < 5; k++) {
      h.writeLong(0); // loader, signers, protection domain, two reserved
    }
    h.writeInt(instanceSize);
    h.writeShort(0);
    h.writeShort(0);
    h.writeShort(fields.length / 2);
    for (int f = 0; f < fields.length; f += 2) {
      h.writeLong(name(fields[f]));
      h.writeByte(fields[f + 1]);
    }
  }

  private static void record(DataOutputStream out, int tag, int length) throws IOException {
    out.writeByte(tag);
    out.writeInt(0);
    out.writeInt(length);
  }

  private static long name(int k) {
    return 0x10 + 8L * k;
  }

  private static long node(int k) {
    return 0x2000 + 16L * k;
  }
}
