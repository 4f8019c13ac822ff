package dev.keybridge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code keys}, {@code certs}): alone it prints usage. */
public abstract class GroupCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("error: missing subcommand");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
