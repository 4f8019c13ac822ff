package dev.keybridge.keystore;

import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.keys.models.ImportKeyOptions;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.certificates.VaultCertificate;
import dev.keybridge.management.keys.KeyBundle;
import java.security.Key;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;

/**
 * The KeyStore's writes: imports ({@code PUT /keys/{name}}, {@code POST
 * /certificates/{name}/import}) and soft deletes ({@code DELETE /keys/{name}}, {@code DELETE
 * /certificates/{name}}; the delete poller is not waited for). Each write drops what the KeyStore
 * cached about the name and updates its alias listing.
 */
final class VaultWrites {
  private final VaultEntries vault;

  VaultWrites(VaultEntries vault) {
    this.vault = vault;
  }

  /**
   * Imports a private key (RSA or EC) or an AES key as a new version of key {@code name}. Software
   * types are tried first; when the vault refuses them with 400 (a Managed HSM accepts only {@code
   * -HSM} types) the import is repeated as hardware-protected. AES keys get their size recorded by
   * management's key access ({@link dev.keybridge.management.keys.KeySizes}).
   */
  void importKey(String name, Key key) throws KeyStoreException {
    JsonWebKey jwk = KeyImports.toJsonWebKey(name, key);
    try {
      boolean hsmFirst = isManagedHsmHost();
      KeyBundle bundle;
      try {
        bundle = vault.access().importKey(options(name, jwk, hsmFirst));
      } catch (KeyVaultException failure) {
        if (hsmFirst || failure.statusCode() != 400) {
          throw failure;
        }
        bundle = vault.access().importKey(options(name, jwk, true));
      }
      vault.invalidate(name);
      vault.remember(bundle);
      Date created = toDate(bundle.properties().getCreatedOn());
      String listedName = bundle.name();
      vault.updateListing(
          listing -> listing.with(new AliasListing.Listed(listedName, false, created, null)));
    } catch (KeyVaultException failure) {
      throw new KeyStoreException(failure.getMessage(), failure);
    } finally {
      jwk.clearMemory();
    }
  }

  private static ImportKeyOptions options(String name, JsonWebKey jwk, boolean hsm) {
    ImportKeyOptions options = new ImportKeyOptions(name, jwk);
    if (hsm) {
      options.setHardwareProtected(true);
    }
    return options;
  }

  /**
   * Imports a private key with its chain as a new version of certificate {@code name} (a PKCS#12
   * protected by a one-time password, sent with it).
   */
  void importCertificate(String name, PrivateKey key, Certificate[] chain)
      throws KeyStoreException {
    X509Certificate[] x509 = KeyImports.checkChain(name, key, chain);
    char[] password = KeyImports.oneTimePassword();
    byte[] pfx = KeyImports.pkcs12(key, x509, password);
    try {
      VaultCertificate imported = vault.certificateAccess().importPkcs12(name, pfx, password);
      vault.invalidate(name);
      CertificateProperties properties = imported.sdkCertificate().getProperties();
      Date created = toDate(properties.getCreatedOn());
      String listedName = imported.name();
      byte[] thumbprint = properties.getX509Thumbprint();
      vault.updateListing(
          listing -> listing.with(new AliasListing.Listed(listedName, true, created, thumbprint)));
    } catch (KeyVaultException failure) {
      throw new KeyStoreException(failure.getMessage(), failure);
    } finally {
      Arrays.fill(password, '\0');
      Arrays.fill(pfx, (byte) 0);
    }
  }

  /**
   * Soft-deletes the listed entry {@code listed}: the certificate (with its key and secret) or the
   * key, every version. Returns once the vault accepted the delete.
   */
  void delete(AliasListing.Listed listed) throws KeyStoreException {
    String name = listed.name();
    try {
      if (listed.certificate()) {
        vault.certificateAccess().deleteCertificate(name);
      } else {
        vault.access().deleteKey(name);
      }
    } catch (KeyVaultException failure) {
      throw new KeyStoreException(failure.getMessage(), failure);
    } finally {
      vault.invalidate(name);
    }
    vault.updateListing(listing -> listing.without(name));
  }

  private boolean isManagedHsmHost() {
    String host = vault.settings().config().vaultUrl().getHost();
    return host != null && host.toLowerCase(Locale.ROOT).endsWith(".managedhsm.azure.net");
  }

  private static Date toDate(OffsetDateTime time) {
    return time == null ? null : Date.from(time.toInstant());
  }
}
