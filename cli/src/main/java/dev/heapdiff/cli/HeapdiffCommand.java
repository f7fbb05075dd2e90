package dev.heapdiff.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
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
    throw new ParameterException(spec.commandLine(), "Missing a command: try " + commands());
  }

  /**
   * Returns every subcommand as it is typed, with its parameters, for example {@code 'heapdiff diff
   * BEFORE AFTER'}: read from the subcommands themselves, so that the hint misses none.
   */
  private String commands() {
    List<String> forms = new ArrayList<>();
    spec.subcommands().forEach((name, command) -> {
      StringBuilder form = new StringBuilder("'heapdiff ").append(name);
      for (PositionalParamSpec parameter : command.getCommandSpec().positionalParameters()) {
        String label = parameter.paramLabel() + (parameter.arity().max() > 1 ? "..." : "");
        form.append(' ').append(parameter.arity().min() == 0 ? "[" + label + "]" : label);
      }
      forms.add(form.append('\'').toString());
    });
    int last = forms.size() - 1;
    return last <= 0 ? String.join("", forms) : String.join(", ", forms.subList(0, last)) + " or " + forms.get(last);
  }

  @Override
  public String toString() {
    return "heapdiff";
  }
}
