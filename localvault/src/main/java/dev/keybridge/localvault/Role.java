package dev.keybridge.localvault;

import static dev.keybridge.localvault.auth.DataActions.*;

import java.util.List;
import java.util.Locale;

/**
 * Azure's built-in Key Vault data-plane roles. Each role lists the data actions it allows, with
 * Azure's {@code *} wildcard, as the built-in role definitions do; {@link #allows(String)} decides
 * a route's data action. A denied request gets 403 {@code Forbidden}, inner {@code
 * ForbiddenByRbac}.
 */
public enum Role {
  /** Everything on the vault (all data actions). */
  ADMINISTRATOR(
      "Key Vault Administrator", "Microsoft.KeyVault/vaults/*", "Microsoft.KeyVault/managedHsm/*"),
  /** Every key operation, incl. delete, purge, rotation policies; no certificates or secrets. */
  CRYPTO_OFFICER(
      "Key Vault Crypto Officer",
      "Microsoft.KeyVault/vaults/keys/*",
      "Microsoft.KeyVault/vaults/deletedKeys/*",
      "Microsoft.KeyVault/vaults/keyrotationpolicies/*",
      RNG),
  /** Read keys, update them, back them up and use them for crypto; no create, delete or purge. */
  CRYPTO_USER(
      "Key Vault Crypto User",
      KEYS_READ,
      KEYS_UPDATE,
      KEYS_BACKUP,
      KEYS_ENCRYPT,
      KEYS_DECRYPT,
      KEYS_WRAP,
      KEYS_UNWRAP,
      KEYS_SIGN,
      KEYS_VERIFY,
      RNG),
  /** Read key metadata and wrap/unwrap only (e.g. storage encryption with customer keys). */
  CRYPTO_SERVICE_ENCRYPTION_USER(
      "Key Vault Crypto Service Encryption User", KEYS_READ, KEYS_WRAP, KEYS_UNWRAP),
  /** Release exportable keys (Secure Key Release). */
  CRYPTO_SERVICE_RELEASE_USER("Key Vault Crypto Service Release User", KEYS_RELEASE),
  /** Read metadata of everything; no crypto, no secret values. */
  READER("Key Vault Reader", "Microsoft.KeyVault/vaults/*/read", SECRETS_READ_METADATA),
  /** Every certificate operation (certificates, issuers, contacts, deleted certificates). */
  CERTIFICATES_OFFICER(
      "Key Vault Certificates Officer",
      "Microsoft.KeyVault/vaults/certificates/*",
      "Microsoft.KeyVault/vaults/deletedCertificates/*",
      "Microsoft.KeyVault/vaults/certificatecas/*",
      "Microsoft.KeyVault/vaults/certificatecontacts/*"),
  /** Read certificates, their keys' metadata, and secret values (the certificate with its key). */
  CERTIFICATE_USER(
      "Key Vault Certificate User",
      CERTIFICATES_READ,
      KEYS_READ,
      SECRETS_GET,
      SECRETS_READ_METADATA),
  /** Every secret operation. */
  SECRETS_OFFICER(
      "Key Vault Secrets Officer",
      "Microsoft.KeyVault/vaults/secrets/*",
      "Microsoft.KeyVault/vaults/deletedSecrets/*"),
  /** Read secret values. */
  SECRETS_USER("Key Vault Secrets User", SECRETS_GET, SECRETS_READ_METADATA);

  private final String azureName;
  private final List<String> allowed;

  Role(String azureName, String... allowed) {
    this.azureName = azureName;
    this.allowed = List.of(allowed);
  }

  /** Azure's display name, e.g. {@code Key Vault Crypto User}. */
  public String azureName() {
    return azureName;
  }

  /** The short CLI form, e.g. {@code crypto-user}. */
  public String shortName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The allowed data-action patterns ({@code *} matches any characters, including '/'). */
  public List<String> dataActions() {
    return allowed;
  }

  /** Whether this role grants {@code dataAction} (case-insensitive, as Azure compares them). */
  public boolean allows(String dataAction) {
    for (String pattern : allowed) {
      if (globMatches(pattern.toLowerCase(Locale.ROOT), dataAction.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static boolean globMatches(String pattern, String value) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(value);
    }
    String head = pattern.substring(0, star);
    if (!value.startsWith(head)) {
      return false;
    }
    String rest = pattern.substring(star + 1);
    for (int i = head.length(); i <= value.length(); i++) {
      if (globMatches(rest, value.substring(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses a role name: Azure's ({@code Key Vault Crypto User}), without the {@code Key Vault}
   * prefix ({@code Crypto User}), the short form ({@code crypto-user}) or the enum name ({@code
   * CRYPTO_USER}); case-insensitive.
   *
   * @throws IllegalArgumentException listing the accepted short names
   */
  public static Role fromName(String name) {
    if (name != null) {
      String n = normalize(name);
      for (Role r : values()) {
        if (n.equals(normalize(r.name()))
            || n.equals(normalize(r.azureName))
            || n.equals(normalize(r.azureName.substring("Key Vault ".length())))) {
          return r;
        }
      }
    }
    StringBuilder known = new StringBuilder();
    for (Role r : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(r.shortName());
    }
    throw new IllegalArgumentException("Unknown role '" + name + "'; known roles: " + known);
  }

  private static String normalize(String s) {
    return s.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
  }
}
