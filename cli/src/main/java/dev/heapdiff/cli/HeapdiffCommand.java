package dev.heapdiff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code heapdiff}: the top-level command, which only dispatches to its subcommands. */
@Command(name = "heapdiff", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Shows Java heap dumps (HPROF) as heapy-style tables of objects by class.",
    subcommands = {ShowCommand.class, DiffCommand.class, ShellCommand.class, DemoCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success",
        "1:the input could not be read (missing file, not a heap dump, ...) or the output could not be written",
        "2:usage error"})
final class HeapdiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing a command: try 'heapdiff demo', 'heapdiff show DUMP' or 'heapdiff shell DUMP'");
  }

  @Override
  public String toString() {
    return "heapdiff";
  }
}
