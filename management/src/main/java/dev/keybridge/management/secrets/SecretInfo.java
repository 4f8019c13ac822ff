package dev.keybridge.management.secrets;

import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * The properties of one secret version, without its value: what listings and updates return. {@code
 * managed} is true for the secret of a certificate (its {@code keyId} then names the certificate's
 * key).
 */
public record SecretInfo(
    String name,
    String version,
    String id,
    String contentType,
    boolean enabled,
    Instant notBefore,
    Instant expiresOn,
    Instant createdOn,
    Instant updatedOn,
    Map<String, String> tags,
    boolean managed,
    String keyId,
    String recoveryLevel,
    Integer recoverableDays) {

  public SecretInfo {
    Objects.requireNonNull(name, "name");
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** The properties the SDK returned. */
  public static SecretInfo of(SecretProperties p) {
    return new SecretInfo(
        p.getName(),
        p.getVersion(),
        p.getId(),
        p.getContentType(),
        p.isEnabled() == null || p.isEnabled(),
        instant(p.getNotBefore()),
        instant(p.getExpiresOn()),
        instant(p.getCreatedOn()),
        instant(p.getUpdatedOn()),
        p.getTags(),
        Boolean.TRUE.equals(p.isManaged()),
        p.getKeyId(),
        p.getRecoveryLevel(),
        p.getRecoverableDays());
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
