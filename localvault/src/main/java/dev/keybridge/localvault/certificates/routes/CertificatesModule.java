package dev.keybridge.localvault.certificates.routes;

import dev.keybridge.localvault.VaultContext;
import dev.keybridge.localvault.certificates.SelfSignedCertificateFactory;
import dev.keybridge.localvault.certificates.issuers.CertificateContactsRoutes;
import dev.keybridge.localvault.certificates.issuers.CertificateIssuerRoutes;
import dev.keybridge.localvault.http.ResourceModule;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.secrets.SecretRepository;
import dev.keybridge.localvault.storage.VaultSettings;

/**
 * The certificates API of the local vault (Key Vault's certificates subset: create through the
 * pending operation with issuer {@code Self} or {@code Unknown}, merge, import, get, update,
 * policy, list, delete, recover, purge, backup and restore). Each certificate version is stored
 * with a managed key version and a managed secret version of the same name and version id.
 * Registered through {@code META-INF/services/dev.keybridge.localvault.http.ResourceModule}.
 */
public final class CertificatesModule implements ResourceModule {
  /** A public no-argument constructor for {@link java.util.ServiceLoader}. */
  public CertificatesModule() {}

  @Override
  public void register(Router router, VaultContext context) {
    CertificateRepository certificates =
        new CertificateRepository(context.database(), context.masterKey());
    SecretRepository secrets = new SecretRepository(context.database(), context.masterKey());
    CertificateStore store = new CertificateStore(certificates, context.keys(), secrets);
    store.purgeExpired(context.clock().instant());
    context.scheduler().every("purge expired certificates", store::purgeExpired);
    SelfSignedCertificateFactory selfSigned = new SelfSignedCertificateFactory(context.clock());
    context
        .scheduler()
        .every(
            "certificate lifetime actions",
            new ScheduledCertificateActions(
                certificates,
                new CertificateRenewal(store, selfSigned, context.events()),
                context.events()));
    new CertificateRoutes(store).register(router);
    new CertificatePolicyRoutes(store).register(router);
    new CertificateCreationRoutes(store, selfSigned).register(router);
    new DeletedCertificateRoutes(store).register(router);
    new CertificateBackups(store, context.masterKey()).register(router);
    new CertificateIssuerRoutes(context.database(), context.masterKey()).register(router);
    new CertificateContactsRoutes(new VaultSettings(context.database(), context.masterKey()))
        .register(router);
  }
}
