package dev.keybridge.cli.secrets;

import dev.keybridge.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where {@code secrets set} reads the value: a file or stdin, never the command line (argv is
 * visible to every user of the machine through {@code ps} and lands in shell history). The bytes
 * must be UTF-8; one trailing newline (as {@code echo} adds) is dropped unless {@code
 * --keep-newline}.
 */
final class SecretValueSource {
  /** Largest value read: Key Vault stores at most 25 KiB. */
  static final int MAX_BYTES = 25 * 1024;

  @Option(
      names = "--value-file",
      paramLabel = "FILE",
      description = "Read the value from FILE ('-' for stdin).")
  Path file;

  @Option(names = "--value-stdin", description = "Read the value from stdin.")
  boolean stdin;

  @Option(
      names = "--keep-newline",
      description = "Keep a trailing newline of the value (dropped by default).")
  boolean keepNewline;

  /** Reads the value from the chosen source ({@code in} is stdin). */
  String read(InputStream in) {
    boolean fromStdin = stdin || (file != null && file.toString().equals("-"));
    if (fromStdin == (file != null && !file.toString().equals("-"))) {
      throw CliException.usage(
          "give the value with exactly one of --value-file FILE or --value-stdin");
    }
    byte[] bytes;
    try {
      bytes = fromStdin ? in.readNBytes(MAX_BYTES + 1) : readFile(file);
    } catch (IOException e) {
      throw CliException.file(
          "cannot read the secret value from "
              + (fromStdin ? "stdin" : file.toString())
              + ": "
              + e.getMessage(),
          e);
    }
    if (bytes.length > MAX_BYTES) {
      throw CliException.file(
          "the secret value is longer than " + MAX_BYTES + " bytes (Key Vault's limit)", null);
    }
    String value;
    try {
      value =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw CliException.file(
          "the secret value is not UTF-8 text; store binary data base64-encoded", null);
    }
    if (!keepNewline) {
      if (value.endsWith("\r\n")) {
        value = value.substring(0, value.length() - 2);
      } else if (value.endsWith("\n")) {
        value = value.substring(0, value.length() - 1);
      }
    }
    return value;
  }

  private static byte[] readFile(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      return new byte[MAX_BYTES + 1];
    }
    return Files.readAllBytes(file);
  }
}
