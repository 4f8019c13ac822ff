package dev.keybridge.localvault.secrets;

import dev.keybridge.localvault.VaultContext;
import dev.keybridge.localvault.http.ResourceModule;
import dev.keybridge.localvault.http.Router;

/**
 * The secrets API of the local vault as far as certificates need it: reading secret values and
 * metadata, and the deleted-secret views. Secrets are written by the certificates API (each
 * certificate version's secret, {@code managed: true}); setting arbitrary secrets is not offered.
 * Registered through {@code META-INF/services/dev.keybridge.localvault.http.ResourceModule}.
 */
public final class SecretsModule implements ResourceModule {
  /** A public no-argument constructor for {@link java.util.ServiceLoader}. */
  public SecretsModule() {}

  @Override
  public void register(Router router, VaultContext context) {
    SecretRepository repo = new SecretRepository(context.database(), context.masterKey());
    repo.purgeExpired(context.clock().instant().getEpochSecond());
    SecretLookup lookup = new SecretLookup(repo);
    new SecretRoutes(lookup).register(router);
    new DeletedSecretRoutes(lookup).register(router);
  }
}
