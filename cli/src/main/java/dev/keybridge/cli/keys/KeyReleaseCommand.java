package dev.keybridge.cli.keys;

import com.azure.security.keyvault.keys.models.KeyExportEncryptionAlgorithm;
import dev.keybridge.cli.CliException;
import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.LocalFiles;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import dev.keybridge.cli.output.Pem;
import dev.keybridge.management.release.ReleaseOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keys release NAME --target FILE}: Secure Key Release of an exportable key. Prints the
 * vault's signed result (a JWS); with {@code --runtime-key} it opens the result and writes the
 * released key to {@code --out} (PKCS#8 PEM, or raw bytes for AES), never to stdout.
 */
@Command(
    name = "release",
    description = {
      "Release an exportable key to an attested environment (Secure Key Release).",
      "Prints the vault's signed release result (JWS). With --runtime-key PEM --out FILE, opens"
          + " it and writes the released private key (PKCS#8 PEM) or AES key (raw) to FILE."
    })
final class KeyReleaseCommand extends VaultCommand {
  @Mixin dev.keybridge.cli.HelpOption help;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--version", paramLabel = "V", description = "Version (default: latest).")
  String version;

  @Option(
      names = "--target",
      required = true,
      paramLabel = "FILE",
      description = "File holding the target attestation token (a JWT).")
  Path target;

  @Option(names = "--nonce", paramLabel = "TEXT", description = "Nonce to echo in the result.")
  String nonce;

  @Option(
      names = "--enc",
      paramLabel = "ALG",
      description =
          "Wrapping: CKM_RSA_AES_KEY_WRAP (default), RSA_AES_KEY_WRAP_256, RSA_AES_KEY_WRAP_384.")
  String algorithm;

  @Option(
      names = "--runtime-key",
      paramLabel = "PEM",
      description = "Private key of the runtime key named in the target token (opens the result).")
  Path runtimeKey;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Where to write the released key (with --runtime-key; created with mode 600).")
  Path out;

  @Override
  protected int run(Output output) {
    if ((runtimeKey == null) != (out == null)) {
      throw CliException.usage("--runtime-key and --out go together");
    }
    String token = readToken(target);
    ReleaseOptions options = ReleaseOptions.defaults();
    if (nonce != null) {
      options = options.withNonce(nonce);
    }
    if (algorithm != null) {
      options = options.withAlgorithm(KeyExportEncryptionAlgorithm.fromString(algorithm));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("version", version);
    if (runtimeKey == null) {
      String result = manager().releaseKey(name, version, token, options);
      json.put("value", result);
      if (output.json()) {
        output.printJson(json);
      } else {
        output.println(result);
      }
      return ExitCode.OK;
    }
    PrivateKey runtime = PrivateKeyFiles.read(runtimeKey).getPrivate();
    Key released = manager().releaseKey(name, version, token, options, runtime);
    byte[] content =
        released instanceof PrivateKey
            ? Pem.encode("PRIVATE KEY", released.getEncoded()).getBytes(StandardCharsets.US_ASCII)
            : released.getEncoded();
    LocalFiles.write(out, content, false);
    json.put("algorithm", released.getAlgorithm());
    json.put("file", out.toAbsolutePath().toString());
    if (output.json()) {
      output.printJson(json);
    } else {
      output.println(
          "released "
              + released.getAlgorithm()
              + " key "
              + name
              + " written to "
              + out.toAbsolutePath());
    }
    return ExitCode.OK;
  }

  private static String readToken(Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (token.split("\\.").length < 2) {
        throw CliException.file(file + " does not hold a JWT (header.payload.signature)", null);
      }
      return token;
    } catch (IOException e) {
      throw CliException.file("read target token", file, e);
    }
  }
}
