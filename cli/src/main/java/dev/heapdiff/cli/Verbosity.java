package dev.heapdiff.cli;

import picocli.CommandLine.Option;

/** The {@code --verbose} option every subcommand has: stack traces with error messages. */
final class Verbosity {
  static final String OPTION = "--verbose";

  @Option(names = OPTION, description = "On errors, print the stack trace too.")
  boolean verbose;

  @Override
  public String toString() {
    return verbose ? OPTION : "";
  }
}
