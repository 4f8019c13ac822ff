package dev.keybridge.cli.completion;

import dev.keybridge.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keybridge completion bash|zsh}: prints the shell completion script picocli generates for
 * the whole command tree (zsh runs the bash script through {@code bashcompinit}, which the script
 * turns on itself).
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script for keybridge commands and options.",
      "Load it with: source <(keybridge completion bash)   (or zsh), where 'keybridge' is a"
          + " wrapper script or alias for java -jar keybridge.jar."
    })
public final class CompletionCommand implements Callable<Integer> {
  /** The shells the script supports. */
  enum Shell {
    bash,
    zsh
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "bash|zsh", description = "The shell: bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    CommandLine root = spec.commandLine();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    String script = AutoComplete.bash(root.getCommandName(), root);
    root.getOut().print(script);
    root.getOut().flush();
    return ExitCode.OK;
  }
}
