package dev.keybridge.localvault.keys;

import dev.keybridge.localvault.VaultContext;
import dev.keybridge.localvault.attestation.AttestationAuthorities;
import dev.keybridge.localvault.http.ResourceModule;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.pki.VaultPki;
import java.security.GeneralSecurityException;

/** The keys API (Key Vault §5 and §6) and {@code /rng}, registered by every local vault. */
public final class KeysModule implements ResourceModule {
  private final AttestationAuthorities attestationAuthorities;

  /**
   * @param attestationAuthorities the authorities whose tokens release targets may be
   */
  public KeysModule(AttestationAuthorities attestationAuthorities) {
    this.attestationAuthorities = attestationAuthorities;
  }

  @Override
  public void register(Router router, VaultContext context) {
    KeyLookup lookup = new KeyLookup(context.keys());
    RotationPolicies policies = new RotationPolicies(lookup);
    KeyRotator rotator = new KeyRotator(lookup, policies, context.events());
    new KeyRoutes(lookup, rotator).register(router);
    context
        .scheduler()
        .every("key lifetime actions", new ScheduledKeyActions(lookup, rotator, context.events()));
    policies.register(router);
    new DeletedKeyRoutes(lookup).register(router);
    new KeyBackups(lookup, context.masterKey()).register(router);
    new KeyCryptoRoutes(lookup).register(router);
    String caPem;
    try {
      caPem = VaultPki.pem(context.caCertificate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("CA certificate cannot be encoded", e);
    }
    new KeyReleaseRoutes(lookup, context.tokenSigningKey(), caPem, attestationAuthorities)
        .register(router);
    new RandomBytesRoute(context.flavor()).register(router);
  }
}
