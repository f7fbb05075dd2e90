package dev.heapdiff.hprof.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files and directories that heapdiff made and owns (snapshots' dumps, decompressed copies of
 * gzip dumps), deleted when the JVM exits, also on Ctrl-C, unless they are closed (and forgotten
 * here) first. Unlike {@link java.io.File#deleteOnExit()}, which keeps every name it
 * is given until the JVM exits, a closed snapshot leaves nothing behind here; and what is here is
 * heapdiff's, so snapshots of the user's heap do not see it. One shutdown hook, registered with
 * the first use (before any dump is written, so that it is in every dump and new in none).
 */
public final class DeleteAtExit {
  private static final Set<Path> PATHS = new LinkedHashSet<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(DeleteAtExit::deleteAll, "heapdiff-delete-at-exit"));
  }

  private DeleteAtExit() {}

  /** Deletes {@code path} when the JVM exits; register a directory before the files in it. */
  public static void register(Path path) {
    synchronized (PATHS) {
      PATHS.add(path);
    }
  }

  /** Leaves {@code path} alone at exit: it is deleted already, or kept. */
  public static void forget(Path path) {
    synchronized (PATHS) {
      PATHS.remove(path);
    }
  }

  /** Whether {@code path} is to be deleted at exit. */
  public static boolean isRegistered(Path path) {
    synchronized (PATHS) {
      return PATHS.contains(path);
    }
  }

  /** Deletes what is registered, the latest first (files before their directory). */
  private static void deleteAll() {
    List<Path> paths;
    synchronized (PATHS) {
      paths = new ArrayList<>(PATHS);
      PATHS.clear();
    }
    for (int k = paths.size() - 1; k >= 0; k--) {
      try {
        Files.deleteIfExists(paths.get(k));
      } catch (IOException e) {
        // At exit nothing can be reported: a directory that is not empty stays.
      }
    }
  }
}
