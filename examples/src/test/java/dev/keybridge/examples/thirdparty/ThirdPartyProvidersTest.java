package dev.keybridge.examples.thirdparty;

import static dev.keybridge.examples.JdkTools.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.certificates.CertificateClient;
import com.azure.security.keyvault.certificates.models.CertificateContentType;
import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import com.azure.security.keyvault.certificates.models.CertificateKeyType;
import com.azure.security.keyvault.certificates.models.CertificateKeyUsage;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import dev.keybridge.examples.ChildProcess;
import dev.keybridge.examples.JdkTools;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key Vault clients nobody here wrote, unchanged, against the local vault: Microsoft's
 * azure-security-keyvault-jca (the provider Spring Cloud Azure uses) and jsign's JCA provider. Each
 * runs in its own JVM with only its own jar (the build copies them to {@code target/third-party}):
 * KeyStore load and aliases, certificate chains, keys, RSA and EC signatures made through the
 * provider and verified by the JDK; then the JDK's real {@code jarsigner} signs with each provider
 * and {@code jarsigner -verify -strict} accepts the result.
 *
 * <p>The jca provider reaches the vault at {@code https://127.0.0.1:PORT/} (it needs a host with a
 * dot), authenticates at the v1 token endpoint for the resource it derives from that URL ({@code
 * https://0.0.1:PORT}), reads PKCS#12 secrets with an empty password and sends digests in standard
 * base64; jsign sends standard base64 too and takes an access token as store password.
 */
class ThirdPartyProvidersTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @TempDir static Path dir;

  private static final Path THIRD_PARTY = Path.of("target", "third-party").toAbsolutePath();
  private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
  private static String vaultUrl;
  private static Path trustStore;
  private static Path signerStore;

  @BeforeAll
  static void createCertificates() throws Exception {
    CertificateClient certificates = VAULT.sdk().certificateClient();
    create(certificates, "tp-rsa", new CertificatePolicy("Self", "CN=tp-rsa").setExportable(false));
    create(
        certificates,
        "tp-ec",
        new CertificatePolicy("Self", "CN=tp-ec")
            .setKeyType(CertificateKeyType.EC)
            .setKeyCurveName(CertificateKeyCurveName.P_256)
            .setExportable(false));
    create(
        certificates,
        "tp-exportable",
        new CertificatePolicy("Self", "CN=tp-exportable").setExportable(true));
    vaultUrl = "https://127.0.0.1:" + VAULT.vault().port();
    // The child JVMs' TLS trust: the vault CA only (the jca provider also lists its entries).
    trustStore =
        store(dir.resolve("tls-trust.p12"), Map.of("vault-ca", VAULT.vault().caCertificate()));
    // jarsigner -verify's anchors: the self-signed signers.
    Map<String, X509Certificate> signers = new java.util.HashMap<>();
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    for (String name : List.of("tp-rsa", "tp-ec")) {
      byte[] cer = certificates.getCertificate(name).getCer();
      signers.put(name, (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(cer)));
    }
    signerStore = store(dir.resolve("signers.p12"), signers);
  }

  private static Path store(Path file, Map<String, X509Certificate> entries) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (Map.Entry<String, X509Certificate> e : entries.entrySet()) {
      store.setCertificateEntry(e.getKey(), e.getValue());
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "changeit".toCharArray());
    }
    return file;
  }

  private static void create(CertificateClient client, String name, CertificatePolicy policy) {
    policy
        .setContentType(CertificateContentType.PKCS12)
        .setEnhancedKeyUsage(List.of(CODE_SIGNING))
        .setKeyUsage(CertificateKeyUsage.DIGITAL_SIGNATURE);
    client.beginCreateCertificate(name, policy).waitForCompletion();
  }

  private static Path jar(String name) {
    Path jar = THIRD_PARTY.resolve(name);
    assertThat(jar).as("copied by the build (maven-dependency-plugin copy)").isRegularFile();
    return jar;
  }

  private static List<String> trustOptions(String prefix) {
    return List.of(
        prefix + "-Djavax.net.ssl.trustStore=" + trustStore,
        prefix + "-Djavax.net.ssl.trustStorePassword=changeit",
        prefix + "-Djavax.net.ssl.trustStoreType=PKCS12");
  }

  /** The jca provider's settings, as system properties (with {@code -J} for jarsigner). */
  private static List<String> jcaSettings(String prefix) {
    List<String> options = new ArrayList<>(trustOptions(prefix));
    // The provider builds its TLS trust from javax.net.ssl.keyStore (else the JDK's cacerts).
    options.add(prefix + "-Djavax.net.ssl.keyStore=" + trustStore);
    options.add(prefix + "-Djavax.net.ssl.keyStorePassword=changeit");
    options.add(prefix + "-Dazure.keyvault.uri=" + vaultUrl + "/");
    options.add(prefix + "-Dazure.keyvault.tenant-id=" + VAULT.vault().tenantId());
    options.add(prefix + "-Dazure.keyvault.client-id=" + VAULT.vault().adminClientId());
    options.add(prefix + "-Dazure.keyvault.client-secret=" + VAULT.vault().adminClientSecret());
    // The challenge names https://vault.azure.net, not the 127.0.0.1 host: the provider's own
    // switch for vaults outside Azure's DNS.
    options.add(prefix + "-Dazure.keyvault.disable-challenge-resource-verification=true");
    return options;
  }

  private static String accessToken() {
    return VAULT.http().adminToken();
  }

  private static ChildProcess.Result probe(String client, List<String> settings, String password) {
    String classes =
        Path.of(
                ThirdPartyKeyStoreProbe.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .getPath())
            .toString();
    String providerJar =
        jar(client.equals("jca") ? "azure-security-keyvault-jca.jar" : "jsign.jar").toString();
    return ChildProcess.run(
        command(
            JdkTools.java(),
            settings,
            "-cp",
            classes + java.io.File.pathSeparator + providerJar,
            ThirdPartyKeyStoreProbe.class.getName(),
            client,
            vaultUrl,
            password,
            "tp-rsa",
            "tp-ec",
            "tp-exportable"));
  }

  @Test
  void azureKeyVaultJcaLoadsTheKeyStoreAndSignsWithRsaAndEcKeys() {
    ChildProcess.Result r = probe("jca", jcaSettings(""), "unused");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(line(r, "ALIASES")).contains("tp-rsa").contains("tp-ec").contains("tp-exportable");
    assertThat(line(r, "CHAIN tp-rsa")).isEqualTo("CHAIN tp-rsa 1 CN=tp-rsa");
    assertThat(line(r, "CHAIN tp-ec")).isEqualTo("CHAIN tp-ec 1 CN=tp-ec");
    assertThat(line(r, "KEY tp-rsa")).contains("KeyVaultPrivateKey");
    assertThat(line(r, "KEY tp-exportable"))
        .as("an exportable certificate's key comes from its PKCS#12 secret (empty password)")
        .startsWith("KEY tp-exportable RSA ")
        .doesNotContain("KeyVaultPrivateKey");
    assertThat(line(r, "SIGN tp-rsa")).contains("AzureKeyVault").endsWith("verified=true");
    assertThat(line(r, "SIGN tp-ec")).contains("AzureKeyVault").endsWith("verified=true");
    assertThat(line(r, "SIGN tp-exportable")).endsWith("verified=true");
  }

  @Test
  void jsignLoadsTheKeyStoreAndSignsWithRsaAndEcKeys() {
    ChildProcess.Result r = probe("jsign", trustOptions(""), accessToken());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(line(r, "ALIASES")).contains("tp-rsa").contains("tp-ec").contains("tp-exportable");
    assertThat(line(r, "CHAIN tp-rsa")).endsWith("CN=tp-rsa");
    assertThat(line(r, "SIGN tp-rsa")).contains("Jsign").endsWith("verified=true");
    assertThat(line(r, "SIGN tp-ec"))
        .as("jsign hands out Key Vault's raw r||s ECDSA signature, which SunEC verifies as P1363")
        .contains("SHA256withECDSAinP1363Format Jsign")
        .endsWith("verified=true");
  }

  @Test
  void jarsignerSignsWithTheJcaProviderAndStrictVerificationPasses() throws Exception {
    for (String alias : List.of("tp-rsa", "tp-ec")) {
      Path signed = dir.resolve("jca-" + alias + ".jar");
      ChildProcess.Result sign =
          ChildProcess.run(
              command(
                  JdkTools.jarsigner(),
                  "-J-cp",
                  "-J" + jar("azure-security-keyvault-jca.jar"),
                  jcaSettings("-J"),
                  "-providerClass",
                  "com.azure.security.keyvault.jca.KeyVaultJcaProvider",
                  // The provider signs SHA-256 digests only (RS256/ES256 among its algorithms).
                  "-digestalg",
                  "SHA-256",
                  "-sigalg",
                  alias.equals("tp-ec") ? "SHA256withECDSA" : "SHA256withRSA",
                  "-keystore",
                  "NONE",
                  "-storetype",
                  "AzureKeyVault",
                  "-storepass",
                  "none",
                  "-signedjar",
                  signed,
                  JdkTools.sampleJar(dir.resolve("jca-in-" + alias + ".jar")),
                  alias));
      assertThat(sign.exitCode()).as(sign.toString()).isZero();
      assertStrictlyVerified(signed);
    }
  }

  @Test
  void jarsignerSignsWithJsignAndStrictVerificationPasses() throws Exception {
    // RSA only: jsign's JCA signature returns ECDSA signatures raw (r||s, as Key Vault sends them;
    // see the probe), which jarsigner cannot embed, whatever the vault.
    for (String alias : List.of("tp-rsa")) {
      Path signed = dir.resolve("jsign-" + alias + ".jar");
      ChildProcess.Result sign =
          ChildProcess.run(
              command(
                  JdkTools.jarsigner(),
                  "-J-cp",
                  "-J" + jar("jsign.jar"),
                  // jsign's jar refers to java.sql, which jarsigner's launcher does not resolve.
                  "-J--add-modules=java.sql",
                  trustOptions("-J"),
                  "-providerClass",
                  "net.jsign.jca.JsignJcaProvider",
                  "-providerArg",
                  vaultUrl,
                  "-keystore",
                  "NONE",
                  "-storetype",
                  "AZUREKEYVAULT",
                  "-storepass",
                  accessToken(),
                  "-signedjar",
                  signed,
                  JdkTools.sampleJar(dir.resolve("jsign-in-" + alias + ".jar")),
                  alias));
      assertThat(sign.exitCode()).as(sign.toString()).isZero();
      assertStrictlyVerified(signed);
    }
  }

  private static void assertStrictlyVerified(Path signed) {
    ChildProcess.Result verify =
        ChildProcess.run(
            command(
                JdkTools.jarsigner(),
                "-verify",
                "-strict",
                "-verbose",
                "-certs",
                "-keystore",
                signerStore,
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                signed));
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.output()).contains("jar verified.");
  }

  private static String line(ChildProcess.Result r, String prefix) {
    return r.output()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + r));
  }
}
