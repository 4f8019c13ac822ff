package dev.keybridge.provider.keygen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestAttestationAuthority;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.keys.ReleasePolicy;
import dev.keybridge.provider.KeyBridgeProvider;
import dev.keybridge.provider.TestVaultKeys;
import java.math.BigInteger;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KeyPairGenerator RSA and EC create the key in the vault and return a handle. */
class KeyPairGenerationTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static TestVaultKeys keys;
  private static KeyBridgeProvider provider;

  @BeforeAll
  static void setUp() {
    keys = new TestVaultKeys(VAULT.vault().propertiesFile());
    provider = keys.provider();
  }

  @Test
  void rsaWithASpecCreatesTheNamedKeyInTheVault() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", provider);
    generator.initialize(
        VaultKeyGenParameterSpec.builder()
            .name("generated-rsa")
            .keySize(3072)
            .keyOperations("sign", "verify")
            .tag("team", "crypto")
            .build());
    KeyPair pair = generator.generateKeyPair();

    VaultRsaPrivateKey handle = (VaultRsaPrivateKey) pair.getPrivate();
    assertThat(handle.getEncoded()).isNull();
    assertThat(handle.getFormat()).isNull();
    assertThat(handle.name()).isEqualTo("generated-rsa");
    assertThat(((RSAPublicKey) pair.getPublic()).getModulus().bitLength()).isEqualTo(3072);
    KeyVaultKey inVault = keys.keys().getKey("generated-rsa");
    assertThat(inVault.getId()).isEqualTo(handle.keyId());
    assertThat(inVault.getKey().getN()).isEqualTo(toUnsigned(handle.getModulus()));
    assertThat(inVault.getProperties().getTags()).containsEntry("team", "crypto");
    assertThat(handle.keyOperations()).containsExactlyInAnyOrder("sign", "verify");

    Signature signer = Signature.getInstance("SHA256withRSA", provider);
    signer.initSign(handle);
    signer.update(new byte[] {1, 2, 3});
    Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
    verifier.initVerify(pair.getPublic());
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signer.sign())).isTrue();
  }

  @Test
  void rsaWithoutASpecGetsAGeneratedName() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", provider);
    generator.initialize(2048);
    VaultRsaPrivateKey handle = (VaultRsaPrivateKey) generator.generateKeyPair().getPrivate();
    assertThat(handle.name()).matches("kb-rsa-2048-[0-9a-f]{16}");
    assertThat(keys.keys().getKey(handle.name()).getId()).isEqualTo(handle.keyId());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"secp256r1, P-256", "secp384r1, P-384", "secp521r1, P-521", "secp256k1, P-256K"})
  void ecCurvesMapToVaultCurves(String standardName, String vaultName) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
    generator.initialize(new ECGenParameterSpec(standardName));
    KeyPair pair = generator.generateKeyPair();
    VaultEcPrivateKey handle = (VaultEcPrivateKey) pair.getPrivate();
    assertThat(handle.curve()).isEqualTo(vaultName);
    assertThat(handle.getEncoded()).isNull();
    assertThat(keys.keys().getKey(handle.name()).getKey().getCurveName().toString())
        .isEqualTo(vaultName);
    assertThat(((ECPublicKey) pair.getPublic()).getW()).isEqualTo(handle.publicKey().getW());

    String algorithm =
        vaultName.equals("P-384")
            ? "SHA384withECDSA"
            : vaultName.equals("P-521") ? "SHA512withECDSA" : "SHA256withECDSA";
    Signature signer = Signature.getInstance(algorithm, provider);
    signer.initSign(handle);
    signer.update(new byte[] {4, 5, 6});
    Signature verifier =
        vaultName.equals("P-256K")
            ? Signature.getInstance(algorithm, new BouncyCastleProvider())
            : Signature.getInstance(algorithm, "SunEC");
    verifier.initVerify(pair.getPublic());
    verifier.update(new byte[] {4, 5, 6});
    assertThat(verifier.verify(signer.sign())).isTrue();
  }

  @Test
  void aSpecCarriesManagementsKeyOptionsIntoTheCreateRequest() throws Exception {
    Instant expires = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    ReleasePolicy policy =
        ReleasePolicy.of(
            "{\"version\":\"1.0.0\",\"anyOf\":[{\"authority\":\""
                + TestAttestationAuthority.URL
                + "\",\"allOf\":[{\"claim\":\"x-ms-attestation-type\",\"equals\":\"sevsnpvm\"}]}]}");
    KeyOptions options =
        KeyOptions.builder()
            .hardwareProtected(true)
            .operations(KeyOperation.SIGN)
            .expiresOn(expires)
            .tag("team", "pki")
            .exportable(policy)
            .build();
    VaultKeyGenParameterSpec spec =
        VaultKeyGenParameterSpec.builder()
            .name("generated-ec-options")
            .curve("P-384")
            .options(options)
            .build();
    assertThat(spec.options()).usingRecursiveComparison().isEqualTo(options);
    assertThat(spec.hsm()).isTrue();
    assertThat(spec.keyOperations()).contains(List.of("sign"));

    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
    generator.initialize(spec);
    VaultEcPrivateKey handle = (VaultEcPrivateKey) generator.generateKeyPair().getPrivate();

    KeyVaultKey inVault = keys.keys().getKey("generated-ec-options");
    assertThat(inVault.getKeyType()).isEqualTo(KeyType.EC_HSM);
    assertThat(inVault.getKey().getCurveName()).isEqualTo(KeyCurveName.P_384);
    assertThat(inVault.getKeyOperations()).containsExactly(KeyOperation.SIGN);
    assertThat(inVault.getProperties().getExpiresOn().toInstant()).isEqualTo(expires);
    assertThat(inVault.getProperties().getTags()).containsEntry("team", "pki");
    assertThat(inVault.getProperties().isExportable()).isTrue();
    assertThat(inVault.getProperties().getReleasePolicy()).isNotNull();
    assertThat(handle.keyId()).isEqualTo(inVault.getId());
  }

  @Test
  void aSpecIsCheckedByManagementsRules() {
    assertThatThrownBy(() -> VaultKeyGenParameterSpec.builder().keyOperations("sing").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown key operation 'sing'");
    Instant now = Instant.now();
    assertThatThrownBy(
            () -> VaultKeyGenParameterSpec.builder().notBefore(now).expiresOn(now).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be after notBefore");
    assertThatThrownBy(() -> VaultKeyGenParameterSpec.builder().name("x".repeat(128)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 127 letters, digits and dashes");
  }

  @Test
  void parametersKeyVaultDoesNotHaveAreRejected() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", provider);
    assertThatThrownBy(() -> rsa.initialize(1024))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("2048, 3072 or 4096");
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", provider);
    assertThatThrownBy(() -> ec.initialize(new ECGenParameterSpec("brainpoolP256r1")))
        .isInstanceOf(InvalidAlgorithmParameterException.class)
        .hasMessageContaining("no curve 'brainpoolP256r1'");
    assertThatThrownBy(() -> VaultKeyGenParameterSpec.builder().name("bad name!").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits and dashes");
  }

  private static byte[] toUnsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }
}
