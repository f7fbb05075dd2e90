package dev.heapdiff.cli;

import picocli.CommandLine.Option;

/** The options of commands that print a set of objects: how to group it and in which format. */
final class OutputOptions {
  @Option(names = "--by", paramLabel = "GROUPING", defaultValue = "class", description = SetOutput.GROUPING_HELP,
      converter = SetOutput.Grouping.Reader.class)
  SetOutput.Grouping by;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = SetOutput.FORMAT_HELP,
      converter = SetOutput.Format.Reader.class)
  SetOutput.Format format;

  @Option(names = "--all", description = "text: print every row, not only the first ten.")
  boolean all;

  @Override
  public String toString() {
    return "--by " + by + " --format " + format + (all ? " --all" : "");
  }
}
