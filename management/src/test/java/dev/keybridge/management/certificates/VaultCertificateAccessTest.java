package dev.keybridge.management.certificates;

import static dev.keybridge.management.VaultFixtures.name;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.security.keyvault.certificates.models.CertificateProperties;
import com.azure.security.keyvault.keys.models.KeyProperties;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestPki;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.VaultFixtures;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The certificate side of the access layer against a local vault over HTTPS with real tokens: get
 * (sync and async), chain, list, the KeyStore's key and certificate listing, PKCS#12 and PEM
 * imports, delete, and the translation of a missing certificate and of a role without certificate
 * or secret rights into {@link KeyVaultException}s.
 */
class VaultCertificateAccessTest {
  private static final String CRYPTO_USER_ID = "crypto-user-app";
  private static final String CRYPTO_USER_SECRET = "crypto-user-app-secret-value";

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .client(VaultFixtures.READER_ID, VaultFixtures.READER_SECRET, Role.READER)
          .client(CRYPTO_USER_ID, CRYPTO_USER_SECRET, Role.CRYPTO_USER);

  private static KeyVaultClients admin;
  private static KeyVaultClients reader;
  private static KeyVaultClients cryptoUser;
  private static String name;
  private static TestPki.Chain chain;
  private static VaultCertificate imported;

  @BeforeAll
  static void importOne() throws Exception {
    admin = KeyVaultClients.of(VaultFixtures.adminConfig(VAULT.vault()));
    reader =
        KeyVaultClients.of(
            VaultFixtures.clientConfig(
                VAULT.vault(), VaultFixtures.READER_ID, VaultFixtures.READER_SECRET));
    cryptoUser =
        KeyVaultClients.of(
            VaultFixtures.clientConfig(VAULT.vault(), CRYPTO_USER_ID, CRYPTO_USER_SECRET));
    name = name("access");
    KeyPair pair = TestPki.ec("secp256r1");
    chain = TestPki.chainFor(pair.getPublic(), name);
    imported = admin.certificateAccess().importPkcs12(name, TestPki.pkcs12(pair, chain), null);
  }

  @AfterAll
  static void close() {
    admin.close();
    reader.close();
    cryptoUser.close();
  }

  @Test
  void importedCertificateIsReadBackByVersionLatestAndAsync() throws Exception {
    VaultCertificateAccess access = admin.certificateAccess();
    assertThat(imported.name()).isEqualTo(name);
    assertThat(imported.x509Certificate()).isEqualTo(chain.leaf());

    long mark = VAULT.accessLog().mark();
    VaultCertificate latest = access.getCertificate(name, null);
    VaultCertificate pinned = access.getCertificate(name, imported.version());
    VaultCertificate async =
        access.getCertificateAsync(name, imported.version()).get(30, TimeUnit.SECONDS);

    for (VaultCertificate read : List.of(latest, pinned, async)) {
      assertThat(read.x509Certificate()).isEqualTo(chain.leaf());
      assertThat(read.version()).isEqualTo(imported.version());
    }
    // one GET each, no secret read
    assertThat(vaultRequests(mark)).hasSize(3);
    assertThat(VAULT.accessLog().count(mark, "GET", "/certificates/" + name + "/.*")).isEqualTo(3);
  }

  @Test
  void chainComesFromTheSecretInOneRequestLeafFirst() {
    long mark = VAULT.accessLog().mark();
    List<X509Certificate> found =
        admin.certificateAccess().getChain(name, imported.version(), chain.leaf());
    assertThat(found).containsExactly(chain.leaf(), chain.intermediate(), chain.root());
    assertThat(vaultRequests(mark))
        .extracting(AccessLog.Entry::path)
        .containsExactly("/secrets/" + name + "/" + imported.version());
  }

  @Test
  void chainIsAlsoReadAsyncAndInOneRequestByTheListedThumbprint() throws Exception {
    VaultCertificateAccess access = admin.certificateAccess();
    long mark = VAULT.accessLog().mark();
    assertThat(access.getChainAsync(name, imported.version(), chain.leaf()).get(30, SECONDS))
        .containsExactly(chain.leaf(), chain.intermediate(), chain.root());
    VaultCertificateAccess.VersionChain latest =
        access
            .getLatestChainAsync(name, CertificateChains.thumbprint(chain.leaf()))
            .get(30, SECONDS);
    assertThat(latest.version()).isEqualTo(imported.version());
    assertThat(latest.chain()).containsExactly(chain.leaf(), chain.intermediate(), chain.root());
    assertThat(vaultRequests(mark))
        .extracting(AccessLog.Entry::path)
        .as("the latest version: the SDK asks for the name with a trailing slash")
        .containsExactly("/secrets/" + name + "/" + imported.version(), "/secrets/" + name + "/");

    Throwable renewed =
        catchThrowable(() -> access.getLatestChainAsync(name, new byte[20]).join()).getCause();
    assertThat(renewed)
        .isInstanceOfSatisfying(
            KeyVaultException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(VaultCertificateAccess.LEAF_NOT_IN_SECRET);
              assertThat(e.operation()).isEqualTo("getCertificateChain");
            });
    Throwable refused =
        catchThrowable(
                () ->
                    reader
                        .certificateAccess()
                        .getLatestChainAsync(name, CertificateChains.thumbprint(chain.leaf()))
                        .join())
            .getCause();
    assertThat(refused)
        .isInstanceOfSatisfying(
            KeyVaultException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
  }

  @Test
  void pemImportKeepsTheChain() throws Exception {
    String pemName = name("pem");
    KeyPair pair = TestPki.rsa(2048);
    TestPki.Chain pemChain = TestPki.chainFor(pair.getPublic(), pemName);
    StringWriter pem = new StringWriter();
    pem.append(block("PRIVATE KEY", pair.getPrivate().getEncoded()));
    for (X509Certificate certificate : pemChain.toArray()) {
      pem.append(block("CERTIFICATE", certificate.getEncoded()));
    }
    VaultCertificateAccess access = admin.certificateAccess();

    VaultCertificate fromPem = access.importPem(pemName, pem.toString());

    assertThat(fromPem.x509Certificate()).isEqualTo(pemChain.leaf());
    assertThat(access.getChain(pemName, fromPem.version(), fromPem.x509Certificate()))
        .containsExactly(pemChain.leaf(), pemChain.intermediate(), pemChain.root());
  }

  @Test
  void listsAndTheKeyStoreListingAskOnlyForListPages() {
    VaultCertificateAccess access = admin.certificateAccess();
    assertThat(access.listCertificates().map(CertificateProperties::getName)).contains(name);

    long mark = VAULT.accessLog().mark();
    VaultCertificateAccess.Listing listing = access.listKeysAndCertificates();

    assertThat(listing.certificateFailure()).isNull();
    assertThat(listing.certificates())
        .filteredOn(c -> c.getName().equals(name))
        .singleElement()
        .satisfies(c -> assertThat(c.getX509Thumbprint()).isNotEmpty());
    // the certificate's backing key is listed as a key the vault manages
    assertThat(listing.keys())
        .filteredOn(k -> k.getName().equals(name))
        .singleElement()
        .extracting(KeyProperties::isManaged)
        .isEqualTo(true);
    int keyPages = (listing.keys().size() + 24) / 25;
    int certificatePages = (listing.certificates().size() + 24) / 25;
    assertThat(VAULT.accessLog().count(mark, "GET", "/keys")).isEqualTo(keyPages);
    assertThat(VAULT.accessLog().count(mark, "GET", "/certificates")).isEqualTo(certificatePages);
    assertThat(vaultRequests(mark)).hasSize(keyPages + certificatePages);
  }

  @Test
  void deletedCertificateIsGoneAndMissingOnesFailWithTheVaultCode() throws Exception {
    String doomed = name("doomed");
    KeyPair pair = TestPki.ec("secp256r1");
    VaultCertificateAccess access = admin.certificateAccess();
    access.importPkcs12(
        doomed, TestPki.pkcs12(pair, TestPki.chainFor(pair.getPublic(), doomed)), new char[0]);

    access.deleteCertificate(doomed);

    KeyVaultException gone =
        (KeyVaultException) catchThrowable(() -> access.getCertificate(doomed, null));
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.errorCode()).isEqualTo("CertificateNotFound");
    assertThat(gone.operation()).isEqualTo("getCertificate");
    assertThat(gone.keyName()).isEqualTo(doomed);
    assertThat(gone.getMessage()).contains("getCertificate", "'" + doomed + "'", "404");
    assertThat(access.listCertificates().map(CertificateProperties::getName))
        .doesNotContain(doomed);

    Throwable asyncFailure =
        catchThrowable(() -> access.getCertificateAsync("never-made", null).join());
    assertThat(asyncFailure).isInstanceOf(CompletionException.class);
    KeyVaultException missing = (KeyVaultException) asyncFailure.getCause();
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo("CertificateNotFound");
    assertThat(missing.keyName()).isEqualTo("never-made");

    KeyVaultException deleteMissing =
        (KeyVaultException) catchThrowable(() -> access.deleteCertificate("never-made"));
    assertThat(deleteMissing.statusCode()).isEqualTo(404);
    assertThat(deleteMissing.operation()).isEqualTo("deleteCertificate");
  }

  @Test
  void aRoleWithoutCertificateRightsIsRefusedWithForbiddenByRbac() throws Exception {
    VaultCertificateAccess access = cryptoUser.certificateAccess();

    KeyVaultException get =
        (KeyVaultException) catchThrowable(() -> access.getCertificate(name, null));
    assertThat(get.statusCode()).isEqualTo(403);
    assertThat(get.errorCode()).isEqualTo("Forbidden");
    assertThat(get.innerErrorCode()).isEqualTo("ForbiddenByRbac");
    assertThat(get.getMessage()).contains("getCertificate on '" + name + "' failed: Forbidden");

    KeyPair pair = TestPki.ec("secp256r1");
    String refused = name("refused");
    KeyVaultException imports =
        (KeyVaultException)
            catchThrowable(
                () ->
                    access.importPkcs12(
                        refused,
                        TestPki.pkcs12(pair, TestPki.chainFor(pair.getPublic(), refused)),
                        null));
    assertThat(imports.statusCode()).isEqualTo(403);
    assertThat(imports.operation()).isEqualTo("importCertificate");

    // the key list works for this role, the certificate list is refused and reported, not thrown
    VaultCertificateAccess.Listing listing = access.listKeysAndCertificates();
    assertThat(listing.keys()).extracting(KeyProperties::getName).contains(name);
    assertThat(listing.certificates()).isEmpty();
    assertThat(listing.certificateFailure().statusCode()).isEqualTo(403);
    assertThat(listing.certificateFailure().operation()).isEqualTo("listCertificates");
  }

  @Test
  void aRoleThatReadsCertificatesButNotSecretsGetsNoChain() {
    VaultCertificate leaf = reader.certificateAccess().getCertificate(name, null);
    assertThat(leaf.x509Certificate()).isEqualTo(chain.leaf());

    KeyVaultException chainRead =
        (KeyVaultException)
            catchThrowable(
                () -> reader.certificateAccess().getChain(name, leaf.version(), chain.leaf()));
    assertThat(chainRead.statusCode()).isEqualTo(403);
    assertThat(chainRead.innerErrorCode()).isEqualTo("ForbiddenByRbac");
    assertThat(chainRead.operation()).isEqualTo("getCertificateChain");
    assertThat(CertificateChains.isPermissionDenied(403, chainRead.innerErrorCode())).isTrue();
  }

  /** Vault requests after mark, without token requests and challenge round trips. */
  private static List<AccessLog.Entry> vaultRequests(long mark) {
    return VAULT.accessLog().since(mark).stream()
        .filter(e -> !e.path().contains("/oauth2/"))
        .filter(e -> e.status() != 401)
        .toList();
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
