package dev.keybridge.localvault.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.SdkClients;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials other than client secrets, through azure-identity against the local vault's token
 * endpoint: a client certificate ({@code ClientCertificateCredential}) and workload identity
 * federation ({@code WorkloadIdentityCredential} reading {@code AZURE_FEDERATED_TOKEN_FILE}), each
 * directly and through {@code DefaultAzureCredential} with the environment given as a {@link
 * Configuration}. Each gets a token and lists keys.
 */
class CredentialKindsTest {
  private static final String ISSUER = "https://oidc.cluster.example/7f1b";
  private static final String SUBJECT = "system:serviceaccount:payments:api";
  private static final KeyPair CLIENT_KEYS = rsa();
  private static final KeyPair ISSUER_KEYS = rsa();
  private static final X509Certificate CLIENT_CERTIFICATE = selfSigned(CLIENT_KEYS);

  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .configure(
              b ->
                  b.certificateClient("cert-app", CLIENT_CERTIFICATE, Role.CRYPTO_USER)
                      .federatedClient(
                          "workload-app", ISSUER, SUBJECT, ISSUER_KEYS.getPublic(), Role.READER));

  @TempDir static Path dir;
  private static Path pem;

  @BeforeAll
  static void files() throws Exception {
    VAULT
        .sdk()
        .keyClient()
        .createRsaKey(
            new com.azure.security.keyvault.keys.models.CreateRsaKeyOptions("listed-key"));
    pem = dir.resolve("client.pem");
    Files.writeString(
        pem,
        pemBlock("PRIVATE KEY", CLIENT_KEYS.getPrivate().getEncoded())
            + pemBlock("CERTIFICATE", CLIENT_CERTIFICATE.getEncoded()));
  }

  @Test
  void aClientCertificateGetsATokenAndListsKeys() {
    LocalVault vault = VAULT.vault();
    TokenCredential credential =
        new ClientCertificateCredentialBuilder()
            .tenantId(vault.tenantId())
            .clientId("cert-app")
            .pemCertificate(pem.toString())
            .authorityHost(vault.url().toString())
            .httpClient(SdkClients.httpClient(vault))
            .disableInstanceDiscovery()
            .build();
    assertListsKeys(credential, "cert-app");
  }

  @Test
  void aFederatedTokenFileGetsATokenAndListsKeys() throws Exception {
    Path tokenFile = federatedToken(SUBJECT, ISSUER_KEYS, "api://AzureADTokenExchange");
    assertListsKeys(workloadCredential(tokenFile), "workload-app");
  }

  @Test
  void defaultAzureCredentialPicksWorkloadIdentityFromTheEnvironment() throws Exception {
    LocalVault vault = VAULT.vault();
    Path tokenFile = federatedToken(SUBJECT, ISSUER_KEYS, "api://AzureADTokenExchange");
    Configuration environment =
        new ConfigurationBuilder()
            .putProperty("AZURE_TENANT_ID", vault.tenantId())
            .putProperty("AZURE_CLIENT_ID", "workload-app")
            .putProperty("AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString())
            .putProperty("AZURE_AUTHORITY_HOST", vault.url().toString())
            .build();
    TokenCredential credential = defaultCredential(environment);
    assertListsKeys(credential, "workload-app");
  }

  @Test
  void defaultAzureCredentialPicksTheClientCertificateFromTheEnvironment() {
    LocalVault vault = VAULT.vault();
    Configuration environment =
        new ConfigurationBuilder()
            .putProperty("AZURE_TENANT_ID", vault.tenantId())
            .putProperty("AZURE_CLIENT_ID", "cert-app")
            .putProperty("AZURE_CLIENT_CERTIFICATE_PATH", pem.toString())
            .putProperty("AZURE_AUTHORITY_HOST", vault.url().toString())
            .build();
    TokenCredential credential = defaultCredential(environment);
    assertListsKeys(credential, "cert-app");
  }

  @Test
  void assertionsOfAnotherIssuerSubjectOrAudienceAreRefused() throws Exception {
    KeyPair stranger = rsa();
    for (Path token :
        List.of(
            federatedToken(SUBJECT, stranger, "api://AzureADTokenExchange"),
            federatedToken(
                "system:serviceaccount:other:app", ISSUER_KEYS, "api://AzureADTokenExchange"),
            federatedToken(SUBJECT, ISSUER_KEYS, "https://vault.azure.net"))) {
      TokenCredential credential = workloadCredential(token);
      assertThatThrownBy(
              () ->
                  credential.getTokenSync(
                      new TokenRequestContext().addScopes("https://vault.azure.net/.default")))
          .as(token.toString())
          .hasMessageContaining("AADSTS");
    }
  }

  private static TokenCredential workloadCredential(Path tokenFile) {
    LocalVault vault = VAULT.vault();
    return new WorkloadIdentityCredentialBuilder()
        .tenantId(vault.tenantId())
        .clientId("workload-app")
        .tokenFilePath(tokenFile.toString())
        .authorityHost(vault.url().toString())
        .httpClient(SdkClients.httpClient(vault))
        .disableInstanceDiscovery()
        .build();
  }

  /** {@code DefaultAzureCredential} seeing {@code environment} as its environment variables. */
  private static TokenCredential defaultCredential(Configuration environment) {
    return new DefaultAzureCredentialBuilder()
        .configuration(environment)
        .httpClient(SdkClients.httpClient(VAULT.vault()))
        .disableInstanceDiscovery()
        .build();
  }

  private static void assertListsKeys(TokenCredential credential, String clientId) {
    String token =
        credential
            .getTokenSync(new TokenRequestContext().addScopes("https://vault.azure.net/.default"))
            .getToken();
    ObjectNode claims = Jwt.parse(token).payload();
    assertThat(claims.get("appid").asText()).isEqualTo(clientId);
    KeyClient keys =
        new KeyClientBuilder()
            .vaultUrl(VAULT.vault().url().toString())
            .credential(credential)
            .httpClient(SdkClients.httpClient(VAULT.vault()))
            .disableChallengeResourceVerification()
            .buildClient();
    assertThat(
            keys.listPropertiesOfKeys().stream()
                .map(KeyProperties::getName)
                .collect(Collectors.toList()))
        .contains("listed-key");
  }

  private static Path federatedToken(String subject, KeyPair signer, String audience)
      throws Exception {
    ObjectNode header = Json.object();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", "cluster-key-1");
    ObjectNode payload = Json.object();
    long now = Instant.now().getEpochSecond();
    payload.put("iss", ISSUER);
    payload.put("sub", subject);
    payload.putArray("aud").add(audience);
    payload.put("iat", now);
    payload.put("nbf", now - 5);
    payload.put("exp", now + 3600);
    Path file = Files.createTempFile(dir, "federated-", ".jwt");
    Files.writeString(file, Jwt.signRs256(header, payload, signer.getPrivate()));
    return file;
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate selfSigned(KeyPair keys) {
    try {
      X500Principal name = new X500Principal("CN=cert-app");
      Instant now = Instant.now();
      return new JcaX509CertificateConverter()
          .getCertificate(
              new JcaX509v3CertificateBuilder(
                      name,
                      BigInteger.valueOf(now.toEpochMilli()),
                      Date.from(now.minusSeconds(60)),
                      Date.from(now.plusSeconds(86_400)),
                      name,
                      keys.getPublic())
                  .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pemBlock(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
