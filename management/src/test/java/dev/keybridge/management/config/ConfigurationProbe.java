package dev.keybridge.management.config;

import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import java.security.MessageDigest;

/**
 * Run in a child JVM by {@link ConfigurationSourcesTest}: configures itself from the real process
 * environment, creates a key and signs with it, then prints {@code PROBE-OK <key id>}.
 */
public final class ConfigurationProbe {
  private ConfigurationProbe() {}

  public static void main(String[] args) throws Exception {
    KeyVaultConfig config = KeyVaultConfig.fromEnvironment();
    System.out.println("PROBE-CONFIG " + config);
    KeyVaultManager manager = new KeyVaultManager(config);
    KeyBundle key =
        manager.createRsaKey("probe-" + ProcessHandle.current().pid(), 2048, KeyOptions.defaults());
    byte[] digest = MessageDigest.getInstance("SHA-256").digest("probe".getBytes());
    manager.clients().crypto().sign(key.id(), "RS256", digest);
    System.out.println("PROBE-OK " + key.id());
    System.exit(0);
  }
}
