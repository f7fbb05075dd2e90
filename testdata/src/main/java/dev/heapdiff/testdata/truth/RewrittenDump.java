package dev.heapdiff.testdata.truth;

import java.nio.file.Path;

/**
 * A dump whose ids {@link IdRewriter} replaced.
 *
 * @param file the rewritten dump
 * @param idMapFile where {@link #ids()} was written ({@link IdMap#read} reads it back)
 * @param form how the ids were chosen
 * @param ids original id to new id, for every object the rewritten dump holds
 * @param droppedObjects the original's objects no GC root reached, left out of the rewritten dump
 * @param danglingIds distinct ids referenced in the original that name no object in it (given
 *     fresh ids above every object's, not in {@link #ids()})
 */
public record RewrittenDump(Path file, Path idMapFile, IdForm form, IdMap ids, int droppedObjects, int danglingIds) {
  @Override
  public String toString() {
    return String.format("%s (%s ids, %,d objects, %,d unreachable dropped, %,d dangling ids)", file,
        form.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), ids.size(), droppedObjects, danglingIds);
  }
}
