package dev.keybridge.cli;

import dev.keybridge.management.config.NearestNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What to say about an unknown command or option: the nearest names by spelling ({@code kyes} ->
 * {@code keys}), the usual words of other tools mapped to keybridge's ({@code get} -> {@code
 * show}), and the list of commands when nothing is near.
 */
final class Suggestions {
  /** Words people type from other tools, and keybridge's command for them. */
  private static final Map<String, String> SYNONYMS =
      Map.of(
          "get", "show",
          "ls", "list",
          "rm", "delete",
          "remove", "delete",
          "add", "create",
          "new", "create",
          "undelete", "recover",
          "info", "show");

  private Suggestions() {}

  /** One line: what was not understood and what was probably meant. */
  static String describe(UnmatchedArgumentException failure) {
    CommandLine command = failure.getCommandLine();
    List<String> unmatched = failure.getUnmatched();
    String first = unmatched.isEmpty() ? "" : unmatched.get(0);
    boolean option = first.startsWith("-");
    Set<String> subcommands = command.getSubcommands().keySet();
    if (!option && subcommands.isEmpty()) {
      return (unmatched.size() == 1 ? "unexpected argument '" : "unexpected arguments '")
          + String.join("' '", unmatched)
          + "'";
    }
    List<String> suggestions = new ArrayList<>();
    if (option) {
      String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
      suggestions.addAll(NearestNames.of(name, command.getCommandSpec().optionsMap().keySet()));
      String what = "unknown option '" + name + "'";
      return suggestions.isEmpty() ? what : what + "; did you mean " + quoted(suggestions) + "?";
    }
    String synonym = SYNONYMS.get(first);
    if (synonym != null && subcommands.contains(synonym)) {
      suggestions.add(synonym);
    }
    for (String near : NearestNames.of(first, subcommands)) {
      if (!suggestions.contains(near)) {
        suggestions.add(near);
      }
    }
    String parent = ErrorReport.qualifiedName(command);
    String prefix = parent.isEmpty() ? "" : parent + " ";
    String what = "unknown command '" + prefix + first + "'";
    if (suggestions.isEmpty()) {
      return what + "; the commands are: " + String.join(", ", subcommands);
    }
    return what
        + "; did you mean "
        + quoted(suggestions.stream().map(s -> prefix + s).toList())
        + "?";
  }

  private static String quoted(List<String> names) {
    return "'" + String.join("' or '", names) + "'";
  }
}
