package dev.keybridge.management.secrets;

import com.azure.security.keyvault.secrets.models.KeyVaultSecret;

/**
 * A secret version with its value. {@link #toString()} never shows the value; only {@link #value()}
 * gives it.
 */
public final class VaultSecret {
  private final SecretInfo info;
  private final String value;

  private VaultSecret(SecretInfo info, String value) {
    this.info = info;
    this.value = value;
  }

  /** The secret the SDK returned (with its value). */
  public static VaultSecret of(KeyVaultSecret secret) {
    return new VaultSecret(SecretInfo.of(secret.getProperties()), secret.getValue());
  }

  /** Name, version, content type, attributes and tags. */
  public SecretInfo info() {
    return info;
  }

  public String name() {
    return info.name();
  }

  public String version() {
    return info.version();
  }

  /** The secret value, as the vault holds it. */
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return "VaultSecret[" + info.name() + "/" + info.version() + ", value hidden]";
  }
}
