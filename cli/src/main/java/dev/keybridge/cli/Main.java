package dev.keybridge.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point of {@code keybridge.jar}. {@link #run} is the whole program without {@code
 * System.exit}, so tests drive every command in-process.
 */
public final class Main {
  private Main() {}

  /** Runs keybridge and exits with its exit code (see {@link ExitCode}). */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    System.exit(code);
  }

  /**
   * Runs one keybridge command line.
   *
   * @param args the arguments, without the program name
   * @param out where results go (tables, JSON, tokens)
   * @param err where error lines, notes and progress go
   * @return the exit code, one of {@link ExitCode}
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter =
        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter errWriter =
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    CommandLine commandLine = newCommandLine(outWriter, errWriter, Terminal.isTerminal(err));
    try {
      return commandLine.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * The configured picocli command tree: streams, exit codes and error handlers. Public for tools
   * that read the command model (the docs test parses every documented command line with it).
   */
  public static CommandLine newCommandLine(
      PrintWriter out, PrintWriter err, boolean stderrIsTerminal) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            if (type == VaultOptions.class) {
              return type.cast(new VaultOptions(stderrIsTerminal));
            }
            return defaults.create(type);
          }
        };
    CommandLine commandLine = new CommandLine(new KeybridgeCommand(), factory);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExitCodeExceptionMapper(ErrorReport::exitCode);
    commandLine.setParameterExceptionHandler(ErrorReport::handleUsageError);
    commandLine.setExecutionExceptionHandler(ErrorReport::handleExecutionError);
    return commandLine;
  }
}
