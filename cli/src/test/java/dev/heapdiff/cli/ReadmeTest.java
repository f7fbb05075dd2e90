package dev.heapdiff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** README's summary of the command says what {@code --help} says. */
class ReadmeTest {
  private static final Path README = Path.of("..", "README.md");

  @Test
  void theCommandSummaryHasEveryParameterAndOptionOfEveryCommand() throws Exception {
    List<String> summary = summary();

    for (var entry : Main.commandLine().getSubcommands().entrySet()) {
      String name = entry.getKey();
      String line = summary.stream().filter(l -> l.startsWith("heapdiff " + name + " ")).findFirst()
          .orElseThrow(() -> new AssertionError("README's command summary has no 'heapdiff " + name + "': " + summary));
      CommandLine.Model.CommandSpec spec = entry.getValue().getCommandSpec();
      for (PositionalParamSpec parameter : spec.positionalParameters()) {
        assertThat(line).as("README's heapdiff %s", name).contains(parameter.paramLabel());
      }
      for (OptionSpec option : spec.options()) {
        if (!option.usageHelp() && !option.versionHelp()) {
          assertThat(line).as("README's heapdiff %s", name).contains(option.longestName());
        }
      }
    }
    assertThat(summary).anySatisfy(l -> assertThat(l).contains("--help", "--version"));
  }

  /** The first code block after the command's heading, each entry joined with its continuation lines. */
  private static List<String> summary() throws Exception {
    List<String> lines = Files.readAllLines(README);
    int at = lines.indexOf("## The `heapdiff` command");
    assertThat(at).as("README's heading of the command").isNotNegative();
    while (!lines.get(at).startsWith("```")) {
      at++;
    }
    List<String> entries = new ArrayList<>();
    for (at++; !lines.get(at).startsWith("```"); at++) {
      String line = lines.get(at);
      if (line.startsWith(" ") && !entries.isEmpty()) {
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
      } else {
        entries.add(line);
      }
    }
    return entries;
  }
}
