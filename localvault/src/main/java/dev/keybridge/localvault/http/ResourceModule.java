package dev.keybridge.localvault.http;

import dev.keybridge.localvault.VaultContext;

/**
 * A resource of the vault (keys, certificates, secrets, ...) that adds its routes at start.
 * Built-in modules are registered by {@link dev.keybridge.localvault.LocalVault}; other modules of
 * this jar are found with {@link java.util.ServiceLoader} from {@code
 * META-INF/services/dev.keybridge.localvault.http.ResourceModule} (one class name per line; a
 * public no-argument constructor). See {@link Router} for the route rules.
 */
public interface ResourceModule {
  /** Creates tables it needs ({@code context.database().ensureSchema(...)}) and adds its routes. */
  void register(Router router, VaultContext context);
}
