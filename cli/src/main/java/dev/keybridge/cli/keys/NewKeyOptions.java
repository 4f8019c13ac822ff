package dev.keybridge.cli.keys;

import com.azure.security.keyvault.keys.models.KeyOperation;
import dev.keybridge.cli.Arguments;
import dev.keybridge.cli.CliException;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.keys.ReleasePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of a new key or key version, shared by {@code keys create} and {@code keys import}.
 */
public final class NewKeyOptions {
  @Option(names = "--hsm", description = "HSM-protected key (RSA-HSM, EC-HSM, oct-HSM).")
  boolean hsm;

  @Option(
      names = "--ops",
      split = ",",
      paramLabel = "OP",
      converter = Arguments.OperationConverter.class,
      description =
          "Permitted operations, comma-separated: encrypt, decrypt, sign, verify, wrapKey,"
              + " unwrapKey. Default: all of the key type.")
  List<KeyOperation> operations = new ArrayList<>();

  @Option(names = "--disabled", description = "Create the key disabled.")
  boolean disabled;

  @Option(
      names = "--not-before",
      paramLabel = "TIME",
      converter = Arguments.TimeConverter.class,
      description = "Not usable before TIME (2027-01-31T12:00:00Z, 2027-01-31, P30D, 30d).")
  Instant notBefore;

  @Option(
      names = "--expires",
      paramLabel = "TIME",
      converter = Arguments.TimeConverter.class,
      description = "Expiry (2027-01-31T12:00:00Z, 2027-01-31, P1Y, 365d).")
  Instant expires;

  @Option(names = "--tag", paramLabel = "NAME=VALUE", description = "A tag; repeatable.")
  Map<String, String> tags = new LinkedHashMap<>();

  @Option(
      names = "--release-policy",
      paramLabel = "FILE",
      description =
          "Make the key exportable (Secure Key Release) under the release policy JSON in FILE.")
  Path releasePolicy;

  @Option(
      names = "--immutable-policy",
      description = "Mark the release policy immutable (it can never change again).")
  boolean immutablePolicy;

  /**
   * The facade's options.
   *
   * @throws CliException (exit 4) when the release policy file cannot be read
   */
  KeyOptions toKeyOptions() {
    KeyOptions.Builder builder =
        KeyOptions.builder().hardwareProtected(hsm).operations(operations).tags(tags);
    if (disabled) {
      builder.enabled(false);
    }
    if (notBefore != null) {
      builder.notBefore(notBefore);
    }
    if (expires != null) {
      builder.expiresOn(expires);
    }
    if (releasePolicy != null) {
      ReleasePolicy policy = ReleasePolicy.of(readPolicy(releasePolicy));
      builder.exportable(immutablePolicy ? policy.asImmutable() : policy);
    } else if (immutablePolicy) {
      throw dev.keybridge.cli.CliException.usage("--immutable-policy needs --release-policy FILE");
    }
    return builder.build();
  }

  static String readPolicy(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw CliException.file("read release policy", file, e);
    }
  }
}
