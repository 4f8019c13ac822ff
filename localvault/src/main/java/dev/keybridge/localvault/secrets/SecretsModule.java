package dev.keybridge.localvault.secrets;

import dev.keybridge.localvault.VaultContext;
import dev.keybridge.localvault.http.ResourceModule;
import dev.keybridge.localvault.http.Router;

/**
 * The secrets API of the local vault: set, read, update, list, soft delete, recover, purge, backup
 * and restore. The secret of each certificate version is written by the certificates API ({@code
 * managed: true}) and cannot be changed through this API. Registered through {@code
 * META-INF/services/dev.keybridge.localvault.http.ResourceModule}.
 */
public final class SecretsModule implements ResourceModule {
  /** A public no-argument constructor for {@link java.util.ServiceLoader}. */
  public SecretsModule() {}

  @Override
  public void register(Router router, VaultContext context) {
    SecretRepository repo = new SecretRepository(context.database(), context.masterKey());
    repo.purgeExpired(context.clock().instant().getEpochSecond());
    context
        .scheduler()
        .every("purge expired secrets", now -> repo.purgeExpired(now.getEpochSecond()));
    SecretLookup lookup = new SecretLookup(repo);
    new SecretRoutes(lookup).register(router);
    new SecretWriteRoutes(lookup, context.events()).register(router);
    new DeletedSecretRoutes(lookup).register(router);
    new SecretBackups(lookup, context.masterKey()).register(router);
  }
}
