package dev.keybridge.management.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How keybridge obtains tokens for the vault: the values of {@code keybridge.auth.method}. */
public enum AuthMethod {
  /**
   * azure-identity's {@code DefaultAzureCredential} (environment, workload, managed identity,
   * CLI...).
   */
  DEFAULT("default"),
  /** A service principal with a client secret ({@code ClientSecretCredential}). */
  CLIENT_SECRET("client-secret"),
  /** A service principal with a certificate, PEM or PFX ({@code ClientCertificateCredential}). */
  CLIENT_CERTIFICATE("client-certificate"),
  /** The managed identity of the host (system-assigned, or user-assigned by client id). */
  MANAGED_IDENTITY("managed-identity"),
  /** Kubernetes workload identity: a federated token file exchanged for an Entra ID token. */
  WORKLOAD_IDENTITY("workload-identity"),
  /** The signed-in Azure CLI account ({@code az account get-access-token}). */
  AZURE_CLI("azure-cli"),
  /** A bearer token given directly in {@code keybridge.auth.token}. */
  TOKEN("token"),
  /**
   * A bearer token read from {@code keybridge.auth.token-file}, re-read whenever the file changes.
   */
  TOKEN_FILE("token-file"),
  /** A {@code TokenCredential} handed to the builder in code; not selectable from properties. */
  CUSTOM("custom");

  private final String propertyValue;

  AuthMethod(String propertyValue) {
    this.propertyValue = propertyValue;
  }

  /** The value as written in {@code keybridge.auth.method}. */
  public String propertyValue() {
    return propertyValue;
  }

  /**
   * Parses a property value (case-insensitive).
   *
   * @throws IllegalArgumentException naming {@code keybridge.auth.method} and the accepted values
   */
  public static AuthMethod fromPropertyValue(String value) {
    for (AuthMethod method : values()) {
      if (method != CUSTOM && method.propertyValue.equalsIgnoreCase(value.trim())) {
        return method;
      }
    }
    throw new IllegalArgumentException(
        KeyVaultProperty.AUTH_METHOD.propertyName()
            + ": unknown method '"
            + value
            + "'; expected one of "
            + Arrays.stream(values())
                .filter(m -> m != CUSTOM)
                .map(AuthMethod::propertyValue)
                .collect(Collectors.joining(", ")));
  }

  /** Like {@link #fromPropertyValue} but also accepts {@code custom} (canonical stored values). */
  static AuthMethod fromPropertyValueOrCustom(String value) {
    return CUSTOM.propertyValue.equals(value) ? CUSTOM : fromPropertyValue(value);
  }

  @Override
  public String toString() {
    return propertyValue;
  }
}
