package dev.keybridge.cli;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.keybridge.management.KeyVaultErrors;
import dev.keybridge.management.KeyVaultException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on stderr ({@code error: ...}) and an exit code from {@link
 * ExitCode}. Stack traces only with {@code --verbose}.
 */
public final class ErrorReport {
  private ErrorReport() {}

  /** The exit code for a failure escaping a command. */
  static int exitCode(Throwable failure) {
    CliException cliError = find(failure, CliException.class);
    if (cliError != null) {
      return cliError.exitCode();
    }
    KeyVaultException vaultError = find(failure, KeyVaultException.class);
    if (vaultError != null) {
      return ExitCode.VAULT_ERROR;
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
    err.println(
        "error: "
            + (failure instanceof UnmatchedArgumentException unmatched
                ? Suggestions.describe(unmatched)
                : oneLine(failure.getMessage())));
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
    CliException cliError = find(failure, CliException.class);
    if (cliError != null) {
      return oneLine(cliError.getMessage());
    }
    KeyVaultException vaultError = find(failure, KeyVaultException.class);
    if (vaultError != null) {
      return describeVaultError(vaultError);
    }
    if (failure instanceof IllegalArgumentException) {
      return oneLine(failure.getMessage());
    }
    if (failure instanceof FileSystemException fileError && fileError.getFile() != null) {
      Path file = Path.of(fileError.getFile());
      return "cannot use " + file + ": " + FileReason.of(fileError, file);
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
    // Java class names stay out of the line; --verbose prints them with the stack trace
    String message = failure.getMessage();
    return message == null || message.isBlank()
        ? "unexpected failure (run with --verbose for the details)"
        : oneLine(message);
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
    if ("ManagedKey".equals(failure.innerErrorCode())) {
      line.append("; the key belongs to a certificate: ")
          .append(certificateCommand(failure.operation(), failure.keyName()));
    } else if ("Forbidden".equals(failure.errorCode())
        && !"KeyDisabled".equals(failure.innerErrorCode())) {
      line.append("; run 'keybridge doctor")
          .append(failure.keyName() == null ? "" : " --key " + failure.keyName())
          .append("' to see which role is missing");
    }
    return line.toString();
  }

  /** The {@code certs} command that does what a refused key operation tried. */
  private static String certificateCommand(String keyOperation, String name) {
    String verb =
        switch (keyOperation) {
          case "deleteKey" -> "delete";
          case "recoverDeletedKey" -> "recover";
          case "purgeDeletedKey" -> "purge";
          default -> null;
        };
    return verb == null || name == null
        ? "manage it with 'keybridge certs' (see 'keybridge certs --help')"
        : "use 'keybridge certs " + verb + " " + name + "'";
  }

  private static String withoutTraceId(String text) {
    int trace = text.indexOf(" Trace ID:");
    return trace < 0 ? text : text.substring(0, trace);
  }

  /** {@code text} on one line (line breaks and their indentation become one space). */
  public static String oneLine(String text) {
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

  static String qualifiedName(CommandLine command) {
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
