package dev.heapdiff.cli;

import dev.heapdiff.internal.JavaLiterals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code heapdiff shell} types into jshell before the user does: the imports and one
 * {@code Heap.load} per dump. One dump is {@code snap}; two are {@code before} and {@code after};
 * more are {@code snap1}, {@code snap2}, ... {@code Heap.load} only records the file, so the
 * script reads no dump: each is read on its first analysis.
 */
record StartupScript(List<Path> dumps) {
  static final List<String> IMPORTS = List.of("dev.heapdiff.*", "java.nio.file.*");

  StartupScript {
    dumps = List.copyOf(dumps);
  }

  /** Returns the variable each dump is loaded into, in the order of the dumps. */
  List<String> variables() {
    return switch (dumps.size()) {
      case 0 -> List.of();
      case 1 -> List.of("snap");
      case 2 -> List.of("before", "after");
      default -> {
        List<String> names = new ArrayList<>(dumps.size());
        for (int i = 1; i <= dumps.size(); i++) {
          names.add("snap" + i);
        }
        yield names;
      }
    };
  }

  /** Returns the jshell source: imports, then one declaration per dump, by absolute path. */
  String source() {
    StringBuilder out = new StringBuilder();
    for (String i : IMPORTS) {
      out.append("import ").append(i).append(";\n");
    }
    List<String> variables = variables();
    for (int i = 0; i < dumps.size(); i++) {
      out.append("Snapshot ").append(variables.get(i)).append(" = Heap.load(Path.of(")
          .append(JavaLiterals.quote(dumps.get(i).toAbsolutePath().toString(), true)).append("));\n");
    }
    return out.toString();
  }

  /**
   * Returns the line that tells the user what was loaded, with the paths as they were given, for
   * example {@code snap = Heap.load("worker-1.hprof")}; with no dumps, how to make a snapshot.
   */
  String summary() {
    if (dumps.isEmpty()) {
      return "no dumps loaded; try  Snapshot snap = Heap.snapshot();  (this jshell's own heap)  or  "
          + "Snapshot snap = Heap.load(Path.of(\"dump.hprof\"));";
    }
    List<String> variables = variables();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < dumps.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(variables.get(i)).append(" = Heap.load(")
          .append(JavaLiterals.quote(dumps.get(i).toString(), false)).append(')');
    }
    return out.toString();
  }
}
