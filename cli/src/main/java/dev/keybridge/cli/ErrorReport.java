package dev.keybridge.cli;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.keybridge.management.KeyVaultErrors;
import dev.keybridge.management.KeyVaultException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr ({@code error: ...}) and an exit code from {@link
 * ExitCode}. Stack traces only with {@code --verbose}.
 */
final class ErrorReport {
  private ErrorReport() {}

  /** The exit code for a failure escaping a command. */
  static int exitCode(Throwable failure) {
    KeyVaultException vaultError = find(failure, KeyVaultException.class);
    if (vaultError != null) {
      return ExitCode.VAULT_ERROR;
    }
    CliException cliError = find(failure, CliException.class);
    if (cliError != null) {
      return cliError.exitCode();
    }
    if (failure instanceof ParameterException) {
      return ExitCode.USAGE;
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      return ExitCode.FILE;
    }
    if (failure instanceof IllegalArgumentException) {
      // an argument the facade refused before sending anything (key name, size, count...)
      return ExitCode.USAGE;
    }
    return ExitCode.VAULT_ERROR;
  }

  /** Picocli hook for a command line that does not parse: message plus where to find help. */
  static int handleUsageError(ParameterException failure, String[] args) {
    CommandLine command = failure.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("error: " + oneLine(failure.getMessage()));
    err.println(
        "Try 'keybridge "
            + qualifiedName(command)
            + (qualifiedName(command).isEmpty() ? "" : " ")
            + "--help' for usage.");
    err.flush();
    return ExitCode.USAGE;
  }

  /** Picocli hook for a failure thrown while a command runs. */
  static int handleExecutionError(Exception failure, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    err.println("error: " + describe(failure));
    if (verbose(command)) {
      failure.printStackTrace(err);
    }
    err.flush();
    return exitCode(failure);
  }

  /** The single line that explains {@code failure} (without the {@code error: } prefix). */
  static String describe(Throwable failure) {
    MsalServiceException tokenError = find(failure, MsalServiceException.class);
    if (tokenError != null) {
      return "authentication failed at the token endpoint: "
          + (tokenError.errorCode() == null ? "" : tokenError.errorCode() + ": ")
          + withoutTraceId(oneLine(tokenError.getMessage()))
          + "; run 'keybridge doctor' to check the credential";
    }
    KeyVaultException vaultError = find(failure, KeyVaultException.class);
    if (vaultError != null) {
      return describeVaultError(vaultError);
    }
    CliException cliError = find(failure, CliException.class);
    if (cliError != null) {
      return oneLine(cliError.getMessage());
    }
    if (failure instanceof IllegalArgumentException || failure instanceof UncheckedIOException) {
      return oneLine(failure.getMessage());
    }
    if (failure instanceof NoSuchFileException) {
      return "no such file: " + failure.getMessage();
    }
    ClientAuthenticationException authError = find(failure, ClientAuthenticationException.class);
    if (authError != null) {
      return "authentication failed: " + oneLine(authError.getMessage());
    }
    HttpResponseException httpError = find(failure, HttpResponseException.class);
    if (httpError != null) {
      return "HTTP "
          + httpError.getResponse().getStatusCode()
          + " from the vault: "
          + oneLine(httpError.getMessage());
    }
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + oneLine(message));
  }

  /**
   * {@code KeyNotFound (HTTP 404): A key with (name/id) nope was not found ... [getKey 'nope']}:
   * the vault's code first, because that is what scripts and people search for.
   */
  static String describeVaultError(KeyVaultException failure) {
    String message = failure.getMessage();
    int marker = message.indexOf(" failed: ");
    String detail = marker >= 0 ? message.substring(marker + " failed: ".length()) : message;
    StringBuilder line = new StringBuilder(oneLine(detail));
    line.append(" [").append(failure.operation());
    if (failure.keyName() != null) {
      line.append(" '").append(failure.keyName()).append('\'');
    }
    line.append(']');
    if (KeyVaultErrors.VAULT_UNREACHABLE.equals(failure.errorCode())
        || KeyVaultErrors.DEADLINE_EXCEEDED.equals(failure.errorCode())) {
      if (find(failure, CertPathBuilderException.class) != null
          || find(failure, CertPathValidatorException.class) != null) {
        line.append("; the vault's TLS certificate is not trusted: set keybridge.trust.ca-file");
      }
      line.append("; run 'keybridge doctor' to diagnose");
    }
    if ("Forbidden".equals(failure.errorCode())
        && !"KeyDisabled".equals(failure.innerErrorCode())) {
      line.append("; run 'keybridge doctor")
          .append(failure.keyName() == null ? "" : " --key " + failure.keyName())
          .append("' to see which role is missing");
    }
    return line.toString();
  }

  private static String withoutTraceId(String text) {
    int trace = text.indexOf(" Trace ID:");
    return trace < 0 ? text : text.substring(0, trace);
  }

  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }

  private static boolean verbose(CommandLine command) {
    for (CommandLine c = command; c != null; c = c.getParent()) {
      ParseResult result = c.getParseResult();
      if (result != null && result.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  private static String qualifiedName(CommandLine command) {
    String name = command.getCommandSpec().qualifiedName(" ");
    int space = name.indexOf(' ');
    return space < 0 ? "" : name.substring(space + 1);
  }

  static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
