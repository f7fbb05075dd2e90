package dev.heapdiff;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * What is known about a snapshot without reading it: when and where it was taken and how the JVM
 * laid out objects. Snapshots taken in-process ask the JVM; loaded dump files know only their file.
 *
 * @param time when the dump was taken (for a loaded file: its last-modified time)
 * @param pid the process id of the dumped JVM, if known
 * @param jvm the JVM's name and version, or empty if unknown
 * @param garbageCollectors the names of the JVM's collectors, empty if unknown
 * @param compressedOops whether the JVM used compressed oops, if known
 * @param objectAlignment {@code ObjectAlignmentInBytes}, if known
 */
public record SnapshotInfo(Instant time, OptionalInt pid, String jvm, List<String> garbageCollectors,
    java.util.Optional<Boolean> compressedOops, OptionalInt objectAlignment) {
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(time);
    pid.ifPresent(p -> out.append(", pid ").append(p));
    if (!jvm.isEmpty()) {
      out.append(", ").append(jvm);
    }
    if (!garbageCollectors.isEmpty()) {
      out.append(", ").append(String.join("/", garbageCollectors));
    }
    compressedOops.ifPresent(c -> out.append(c ? ", compressed oops" : ", uncompressed oops"));
    return out.toString();
  }
}
