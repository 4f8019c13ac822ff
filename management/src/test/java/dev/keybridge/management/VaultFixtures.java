package dev.keybridge.management;

import dev.keybridge.localvault.LocalVault;
import dev.keybridge.management.config.KeyVaultConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Configurations and names for tests against a local vault. */
public final class VaultFixtures {
  /** A client registered with a role too weak to manage keys. */
  public static final String READER_ID = "reader-app";

  public static final String READER_SECRET = "reader-app-secret-value";

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private VaultFixtures() {}

  /** The vault's own keybridge.properties, with short polling for fast tests. */
  public static KeyVaultConfig adminConfig(LocalVault vault) {
    return KeyVaultConfig.fromProperties(vault.propertiesFile()).toBuilder()
        .pollInterval(Duration.ofMillis(50))
        .build();
  }

  /** The same vault as another registered client. */
  public static KeyVaultConfig clientConfig(LocalVault vault, String clientId, String secret) {
    return adminConfig(vault).toBuilder().clientId(clientId).clientSecret(secret).build();
  }

  /** A key name unique within the test run. */
  public static String name(String prefix) {
    return prefix
        + "-"
        + COUNTER.incrementAndGet()
        + "-"
        + Long.toHexString(System.nanoTime() & 0xffffff);
  }
}
