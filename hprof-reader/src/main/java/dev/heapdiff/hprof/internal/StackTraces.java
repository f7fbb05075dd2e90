package dev.heapdiff.hprof.internal;

import dev.heapdiff.hprof.StackFrame;
import java.util.ArrayList;
import java.util.List;

/** Reads the STACK TRACE and STACK FRAME records of a dump. */
public final class StackTraces {
  private StackTraces() {}

  /** Returns the frames of the stack trace with {@code serial}, innermost first; empty if none. */
  public static List<StackFrame> frames(GraphData g, int traceSerial) {
    RecordScanner scan = g.extra;
    int trace = scan.stackTraceIndex.get(traceSerial & 0xFFFF_FFFFL);
    if (trace < 0) {
      return List.of();
    }
    MappedInput in = g.in;
    int id = g.idSize;
    long body = scan.stackTracePositions.get(trace);
    long count = in.u4(body + 8);
    long end = scan.stackTraceEnds.get(trace);
    if (count > (end - body - 12) / id) {
      return List.of(); // a corrupt count: show no frames rather than read past the record
    }
    List<StackFrame> frames = new ArrayList<>((int) count);
    for (int k = 0; k < count; k++) {
      long frameId = in.id(body + 12 + (long) k * id, id);
      int frame = scan.stackFrameIndex.get(frameId);
      if (frame < 0) {
        frames.add(new StackFrame("<unknown>", "<frame 0x" + Long.toHexString(frameId) + ">", "", "", 0));
        continue;
      }
      long at = scan.stackFramePositions.get(frame);
      String method = scan.name(in.id(at + id, id));
      String signature = scan.name(in.id(at + 2L * id, id));
      long sourceId = in.id(at + 3L * id, id);
      String source = sourceId == 0 ? "" : scan.name(sourceId);
      long classSerial = in.u4(at + 4L * id);
      int line = in.i4(at + 4L * id + 4);
      frames.add(new StackFrame(className(scan, classSerial), method, signature, source, line));
    }
    return frames;
  }

  private static String className(RecordScanner scan, long classSerial) {
    int serial = scan.classSerialIndex.get(classSerial);
    if (serial < 0) {
      return "<unknown class>";
    }
    int load = scan.loadClassIndex.get(scan.classSerialIds.get(serial));
    return load < 0 ? "<unknown class>" : Names.javaName(scan.name(scan.loadClassNameIds.get(load)));
  }
}
