package dev.keybridge.cli;

/**
 * The process exit codes of {@code keybridge}. Scripts may rely on them; docs/cli.md documents
 * them.
 */
public final class ExitCode {
  /** The command did what it was asked. */
  public static final int OK = 0;

  /**
   * The vault (or its token endpoint) answered with an error, or could not be reached. The stderr
   * line names the vault error code and HTTP status.
   */
  public static final int VAULT_ERROR = 1;

  /** The command line is wrong: unknown command or option, missing or malformed argument. */
  public static final int USAGE = 2;

  /** The configuration is missing or invalid (no vault URL, unreadable properties, bad CA file). */
  public static final int CONFIG = 3;

  /** A local file could not be read or written, or is not what the command expects. */
  public static final int FILE = 4;

  /** {@code doctor} ran and found at least one problem. */
  public static final int DIAGNOSIS_FAILED = 5;

  /** {@code serve} cannot listen: the port is taken (nothing was written to the data folder). */
  public static final int PORT_IN_USE = 6;

  private ExitCode() {}
}
