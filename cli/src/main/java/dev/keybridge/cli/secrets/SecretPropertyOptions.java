package dev.keybridge.cli.secrets;

import dev.keybridge.cli.Arguments;
import dev.keybridge.cli.CliException;
import dev.keybridge.management.secrets.SecretOptions;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Option;

/** The properties {@code secrets set} and {@code secrets update} share. */
final class SecretPropertyOptions {
  @Option(
      names = "--content-type",
      paramLabel = "TYPE",
      description = "Content type, e.g. text/plain or application/json.")
  String contentType;

  @Option(
      names = "--not-before",
      paramLabel = "TIME",
      converter = Arguments.TimeConverter.class,
      description = "Not valid before (2027-01-31T12:00:00Z, 2027-01-31, P1D, 1d).")
  Instant notBefore;

  @Option(
      names = "--expires",
      paramLabel = "TIME",
      converter = Arguments.TimeConverter.class,
      description = "Expiry (2027-01-31T12:00:00Z, 2027-01-31, P1Y, 365d).")
  Instant expires;

  @Option(
      names = "--tag",
      paramLabel = "NAME=VALUE",
      description = "A tag; repeatable (on update: replaces ALL tags).")
  Map<String, String> tags;

  /** The builder with what was given. */
  SecretOptions.Builder builder() {
    SecretOptions.Builder b = SecretOptions.builder();
    if (contentType != null) {
      b.contentType(contentType);
    }
    if (notBefore != null) {
      b.notBefore(notBefore);
    }
    if (expires != null) {
      b.expiresOn(expires);
    }
    if (tags != null) {
      b.tags(tags);
    }
    return b;
  }

  /** Builds, turning a refused combination into a usage error. */
  static SecretOptions build(SecretOptions.Builder b) {
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage() + " (see --help)");
    }
  }
}
