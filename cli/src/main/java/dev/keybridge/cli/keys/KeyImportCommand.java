package dev.keybridge.cli.keys;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import dev.keybridge.cli.CliException;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.crypto.spec.SecretKeySpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code keys import NAME --pem FILE | --jwk FILE | --aes FILE}. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import a private key (PEM or JWK) or an AES key into the vault. Prints the key.")
final class KeyImportCommand extends KeyCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Key name (letters, digits, -).")
  String name;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Exactly one key source. */
  static final class Source {
    @picocli.CommandLine.Option(
        names = "--pem",
        paramLabel = "FILE",
        description = "Unencrypted RSA or EC private key, PEM (PKCS#8, PKCS#1 or SEC1).")
    Path pem;

    @picocli.CommandLine.Option(
        names = "--jwk",
        paramLabel = "FILE",
        description = "JSON Web Key with its private members (d, p, q, ... or k).")
    Path jwk;

    @picocli.CommandLine.Option(
        names = "--aes",
        paramLabel = "FILE",
        description = "Raw AES key bytes (16, 24 or 32), imported as an oct key.")
    Path aes;
  }

  @Mixin NewKeyOptions keyOptions;

  @Override
  protected int run(Output out) {
    KeyOptions options = keyOptions.toKeyOptions();
    KeyBundle key;
    if (source.pem != null) {
      key = manager().importKey(name, PrivateKeyFiles.read(source.pem), options);
    } else if (source.jwk != null) {
      key = manager().importKey(name, readJwk(source.jwk), options);
    } else {
      byte[] bytes = readBytes(source.aes);
      if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
        throw CliException.file(
            source.aes + " holds " + bytes.length + " bytes; an AES key is 16, 24 or 32", null);
      }
      key = manager().importKey(name, new SecretKeySpec(bytes, "AES"), options);
    }
    return printKey(out, key);
  }

  private static JsonWebKey readJwk(Path file) {
    byte[] content = readBytes(file);
    try (JsonReader reader = JsonProviders.createReader(content)) {
      JsonWebKey jwk = JsonWebKey.fromJson(reader);
      if (jwk == null || jwk.getKeyType() == null) {
        throw CliException.file(file + " is not a JSON Web Key (no \"kty\")", null);
      }
      return jwk;
    } catch (IOException | RuntimeException e) {
      if (e instanceof CliException cli) {
        throw cli;
      }
      throw CliException.file("cannot read JWK " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw CliException.file("read", file, e);
    }
  }
}
