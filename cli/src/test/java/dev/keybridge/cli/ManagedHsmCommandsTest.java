package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.cli.Cli.Result;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestAttestationAuthority;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Commands that need a Managed HSM: random bytes, AES keys, the HSM token audience. */
class ManagedHsmCommandsTest {
  @RegisterExtension
  static final LocalVaultExtension HSM = LocalVaultExtension.create().flavor(Flavor.MANAGED_HSM);

  private static Path config() {
    return HSM.vault().propertiesFile();
  }

  @Test
  void randomBytesInHexBase64AndJson() {
    Result hex = Cli.run(config(), "random", "--count", "16");
    assertThat(hex.exitCode()).as(hex.toString()).isZero();
    assertThat(hex.out()).matches("[0-9a-f]{32}\n");

    Result b64 = Cli.run(config(), "random", "-n", "48", "--base64");
    assertThat(Base64.getDecoder().decode(b64.out().trim())).hasSize(48);

    Result json = Cli.run(config(), "random", "--json");
    assertThat(json.json().get("count").asInt()).isEqualTo(32);
    assertThat(HexFormat.of().parseHex(json.json().get("hex").asText()))
        .isEqualTo(Base64.getDecoder().decode(json.json().get("base64").asText()));

    Result tooMany = Cli.run(config(), "random", "--count", "129");
    assertThat(tooMany.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(tooMany.err()).startsWith("error: random byte count must be 1 to 128");
  }

  @Test
  void aesKeyAndDoctorOnAnHsm() {
    Result created =
        Cli.run(config(), "keys", "create", "hsm-aes", "--type", "oct", "--hsm", "--json");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.json().get("keyType").asText()).isEqualTo("oct-HSM");
    assertThat(created.json().get("publicKeyPem").isNull()).isTrue();

    Result doctor = Cli.run(config(), "doctor", "--key", "hsm-aes");
    assertThat(doctor.exitCode()).as(doctor.toString()).isZero();
    assertThat(doctor.out())
        .containsPattern(
            "(?m)^vault\\s+ok\\s+-\\s+Key Vault challenge: resource https://managedhsm.azure.net")
        .containsPattern("(?m)^encrypt\\s+ok")
        .containsPattern("(?m)^wrapKey\\s+ok");
  }

  @TempDir Path dir;

  private static final String POLICY =
      "{\"version\":\"1.0.0\",\"anyOf\":[{\"authority\":\""
          + TestAttestationAuthority.URL
          + "\","
          + "\"allOf\":[{\"claim\":\"x-ms-attestation-type\",\"equals\":\"sevsnpvm\"}]}]}";

  @Test
  void releasesAnExportableKeyAsTheVaultsSignedResult() throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.json"), POLICY);
    Result created =
        Cli.run(
            config(),
            "keys",
            "create",
            "hsm-exp",
            "--hsm",
            "--release-policy",
            policy.toString(),
            "--json");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.json().get("exportable").asBoolean()).isTrue();

    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair runtime = generator.generateKeyPair();
    RSAPublicKey runtimePublic = (RSAPublicKey) runtime.getPublic();
    Path good =
        Files.writeString(
            dir.resolve("good.jwt"),
            attestation(
                "{\"iss\":\"https://attest.keybridge.test/\",\"x-ms-attestation-type\":\"sevsnpvm\","
                    + "\"x-ms-runtime\":{\"keys\":[{\"kty\":\"RSA\",\"n\":\""
                    + unsigned(runtimePublic.getModulus())
                    + "\",\"e\":\""
                    + unsigned(runtimePublic.getPublicExponent())
                    + "\"}]}}"));
    Result released =
        Cli.run(
            config(),
            "keys",
            "release",
            "hsm-exp",
            "--target",
            good.toString(),
            "--nonce",
            "n1",
            "--json");
    assertThat(released.exitCode()).as(released.toString()).isZero();
    String jws = released.json().get("value").asText();
    assertThat(jws.split("\\.")).hasSize(3);
    String payload =
        new String(Base64.getUrlDecoder().decode(jws.split("\\.")[1]), StandardCharsets.UTF_8);
    assertThat(payload).contains("\"nonce\":\"n1\"").contains(created.json().get("id").asText());

    // With the runtime private key, the CLI opens the result and writes the released key.
    Path runtimePem =
        Files.writeString(
            dir.resolve("runtime.pem"),
            "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(runtime.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    Path releasedFile = dir.resolve("released.pem");
    Result opened =
        Cli.run(
            config(),
            "keys",
            "release",
            "hsm-exp",
            "--target",
            good.toString(),
            "--runtime-key",
            runtimePem.toString(),
            "--out",
            releasedFile.toString());
    assertThat(opened.exitCode()).as(opened.toString()).isZero();
    String releasedPem = Files.readString(releasedFile);
    assertThat(releasedPem).startsWith("-----BEGIN PRIVATE KEY-----");
    byte[] pkcs8 =
        Base64.getMimeDecoder()
            .decode(
                releasedPem
                    .replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "")
                    .trim());
    RSAPrivateCrtKey releasedKey =
        (RSAPrivateCrtKey)
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    Result shown = Cli.run(config(), "keys", "show", "hsm-exp", "--json");
    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    String publicPem = shown.json().get("publicKeyPem").asText();
    RSAPublicKey vaultPublic =
        (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(
                    new X509EncodedKeySpec(
                        Base64.getMimeDecoder()
                            .decode(
                                publicPem
                                    .replace("-----BEGIN PUBLIC KEY-----", "")
                                    .replace("-----END PUBLIC KEY-----", "")
                                    .trim())));
    assertThat(releasedKey.getModulus()).isEqualTo(vaultPublic.getModulus());

    Path bad =
        Files.writeString(
            dir.resolve("bad.jwt"),
            attestation(
                "{\"iss\":\"https://attest.keybridge.test/\",\"x-ms-attestation-type\":\"sgx\"}"));
    Result refused = Cli.run(config(), "keys", "release", "hsm-exp", "--target", bad.toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCode.VAULT_ERROR);
    assertThat(refused.errLines()).hasSize(1);
    assertThat(refused.err()).startsWith("error: Forbidden").contains("(HTTP 403)");

    Path notJwt = Files.writeString(dir.resolve("not.jwt"), "hello");
    Result usage = Cli.run(config(), "keys", "release", "hsm-exp", "--target", notJwt.toString());
    assertThat(usage.exitCode()).isEqualTo(ExitCode.FILE);
    assertThat(usage.err()).contains("does not hold a JWT");
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** An attestation token of {@code claims}, signed by the authority the vault trusts. */
  private static String attestation(String claims) {
    return TestAttestationAuthority.shared().sign(claims);
  }

  @Test
  void tokenHasTheManagedHsmAudience() {
    Result json = Cli.run(config(), "token", "--json");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.json().get("scope").asText())
        .isEqualTo("https://managedhsm.azure.net/.default");
  }
}
