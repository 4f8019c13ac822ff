package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.cli.Cli.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command's one-line summary is a whole sentence; shell completion completes commands. */
class HelpAndCompletionTest {
  @TempDir Path dir;

  @Test
  void everySummaryIsACompleteSentence() {
    CommandLine root =
        Main.newCommandLine(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false);
    List<String> summaries = new ArrayList<>();
    collect(root, summaries);
    assertThat(summaries).hasSizeGreaterThan(30);
    for (String summary : summaries) {
      assertThat(summary)
          .as("summary of a command must end a sentence")
          .matches("(?s).*\\S[.)]")
          .doesNotEndWith("e.g.")
          .doesNotEndWith(":");
    }
    Result help = Cli.run("keys", "--help");
    assertThat(help.out())
        .containsPattern(
            "rotation-policy\\s+Show a key's rotation policy, or replace it when any option\\s+is"
                + " given\\.");
  }

  private static void collect(CommandLine command, List<String> summaries) {
    for (CommandLine sub : command.getSubcommands().values()) {
      String[] description = sub.getCommandSpec().usageMessage().description();
      assertThat(description).as(sub.getCommandSpec().qualifiedName()).isNotEmpty();
      summaries.add(sub.getCommandSpec().qualifiedName() + ": " + description[0]);
      collect(sub, summaries);
    }
  }

  @Test
  void bashCompletionCompletesCommandsAndOptions() throws Exception {
    Result script = Cli.run("completion", "bash");
    assertThat(script.exitCode()).as(script.toString()).isZero();
    Path file = Files.writeString(dir.resolve("keybridge-completion.bash"), script.out());
    assertThat(complete(file, "keybridge", "ke")).isEqualTo("keys");
    assertThat(complete(file, "keybridge", "keys", "rot")).isEqualTo("rotate rotation-policy");
    assertThat(complete(file, "keybridge", "certs", "pu")).isEqualTo("purge");
    assertThat(complete(file, "keybridge", "keys", "list", "--js")).isEqualTo("--json");

    Result zsh = Cli.run("completion", "zsh");
    assertThat(zsh.exitCode()).isZero();
    assertThat(zsh.out()).isEqualTo(script.out()).contains("bashcompinit");

    Result wrong = Cli.run("completion", "fish");
    assertThat(wrong.exitCode()).isEqualTo(ExitCode.USAGE);
  }

  /** Runs the completion function of {@code script} for the words, the last one being completed. */
  private static String complete(Path script, String... words) throws Exception {
    String array = "'" + String.join("' '", words) + "'";
    String command =
        "source "
            + script
            + "; COMP_WORDS=("
            + array
            + "); COMP_CWORD="
            + (words.length - 1)
            + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_keybridge keybridge;"
            + " echo \"${COMPREPLY[*]}\"";
    Process bash =
        new ProcessBuilder("bash", "-c", command)
            .redirectError(ProcessBuilder.Redirect.DISCARD) // compopt outside a real completion
            .start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(output).isZero();
    return output.trim();
  }
}
