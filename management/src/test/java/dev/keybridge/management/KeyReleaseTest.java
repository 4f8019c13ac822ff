package dev.keybridge.management;

import static dev.keybridge.management.VaultFixtures.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyExportEncryptionAlgorithm;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.release.ReleaseOptions;
import dev.keybridge.management.release.ReleasedKeyDecoder;
import java.security.Key;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secure Key Release through the facade, sync and async: the signed result (a JWS with {@code x5c}
 * in its header whose payload carries {@code key_hsm}, RSA-OAEP of an AES key then AES-KWP of the
 * key material, as DESIGN.md "Secure key release" says), the released key opened with the runtime
 * key, and the refusals.
 */
class KeyReleaseTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final KeyOptions EXPORTABLE =
      KeyOptions.builder().hardwareProtected(true).exportable(ReleaseTargets.POLICY).build();

  private static KeyVaultManager manager;
  private static KeyVaultAsyncManager async;
  private static KeyPair runtime;
  private static String target;

  @BeforeAll
  static void setUp() throws Exception {
    manager = new KeyVaultManager(VaultFixtures.adminConfig(VAULT.vault()));
    async = new KeyVaultAsyncManager(manager.clients());
    runtime = ReleaseTargets.runtimeKey();
    target = ReleaseTargets.token(runtime, "sevsnpvm");
  }

  @Test
  void aTargetOutsideThePolicyIsDenied() throws Exception {
    KeyBundle key = manager.createRsaKey(name("rel-deny"), 2048, EXPORTABLE);
    String wrongTarget = ReleaseTargets.token(runtime, "sgx");
    Throwable sync =
        catchThrowable(
            () -> manager.releaseKey(key.name(), null, wrongTarget, ReleaseOptions.defaults()));
    assertThat(sync).isInstanceOf(KeyVaultException.class);
    assertThat(((KeyVaultException) sync).statusCode()).isEqualTo(403);
    assertThat(((KeyVaultException) sync).operation()).isEqualTo("release");
    Throwable asyncFailure =
        catchThrowable(
            () ->
                async
                    .releaseKey(key.name(), null, wrongTarget, ReleaseOptions.defaults())
                    .get(30, TimeUnit.SECONDS));
    assertThat(asyncFailure)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(KeyVaultException.class);

    KeyBundle notExportable = manager.createRsaKey(name("rel-no"), 2048, KeyOptions.defaults());
    Throwable refused =
        catchThrowable(
            () ->
                manager.releaseKey(notExportable.name(), null, target, ReleaseOptions.defaults()));
    assertThat(((KeyVaultException) refused).statusCode()).isEqualTo(403);
  }

  @Test
  void aPrivateKeyNotMatchingTheTokenIsRefusedBeforeAnyRequest() throws Exception {
    KeyPair other = ReleaseTargets.runtimeKey();
    long mark = VAULT.accessLog().mark();
    assertThatThrownBy(
            () ->
                manager.releaseKey(
                    "any", null, target, ReleaseOptions.defaults(), other.getPrivate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not match the runtime key");
    assertThat(VAULT.accessLog().since(mark)).isEmpty();
  }

  @Test
  void signedResultIsAVerifiableJws() throws Exception {
    KeyBundle key = manager.createRsaKey(name("rel-jws"), 2048, EXPORTABLE);
    String result =
        manager.releaseKey(
            key.name(), key.version(), target, ReleaseOptions.defaults().withNonce("n-1"));
    var payload = ReleasedKeyDecoder.verifiedPayload(result);
    assertThat(payload.path("response").path("key").path("key").path("kid").asText())
        .isEqualTo(key.id());
    String asyncResult =
        async
            .releaseKey(key.name(), null, target, ReleaseOptions.defaults())
            .get(30, TimeUnit.SECONDS);
    assertThat(
            ReleasedKeyDecoder.verifiedPayload(asyncResult)
                .path("response")
                .path("key")
                .path("key")
                .path("kid")
                .asText())
        .isEqualTo(key.id());
  }

  @Test
  void releasedRsaKeySignsForTheVaultPublicKey() throws Exception {
    KeyBundle key = manager.createRsaKey(name("rel-rsa"), 2048, EXPORTABLE);
    for (KeyExportEncryptionAlgorithm enc : KeyExportEncryptionAlgorithm.values()) {
      Key released =
          manager.releaseKey(
              key.name(),
              key.version(),
              target,
              ReleaseOptions.defaults().withAlgorithm(enc),
              runtime.getPrivate());
      assertThat(released).as(enc.toString()).isInstanceOf(PrivateKey.class);
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign((PrivateKey) released);
      signer.update("released".getBytes());
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key.publicKey().orElseThrow());
      verifier.update("released".getBytes());
      assertThat(verifier.verify(signer.sign())).isTrue();
    }
  }

  @Test
  void releasedEcAndOctKeysWorkWithTheVault() throws Exception {
    KeyBundle ec = manager.createEcKey(name("rel-ec"), KeyCurveName.P_256, EXPORTABLE);
    Key releasedEc =
        async
            .releaseKey(ec.name(), null, target, ReleaseOptions.defaults(), runtime.getPrivate())
            .get(30, TimeUnit.SECONDS);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign((PrivateKey) releasedEc);
    signer.update("ec".getBytes());
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(ec.publicKey().orElseThrow());
    verifier.update("ec".getBytes());
    assertThat(verifier.verify(signer.sign())).isTrue();

    KeyBundle oct = manager.createOctKey(name("rel-oct"), 256, EXPORTABLE);
    Key releasedOct =
        manager.releaseKey(
            oct.name(), null, target, ReleaseOptions.defaults(), runtime.getPrivate());
    assertThat(releasedOct).isInstanceOf(SecretKey.class);
    var result =
        manager.clients().crypto().encrypt(oct.id(), "A256GCM", "secret".getBytes(), null, null);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, releasedOct, new GCMParameterSpec(128, result.iv()));
    gcm.update(result.ciphertext());
    assertThat(gcm.doFinal(result.tag())).isEqualTo("secret".getBytes());
  }
}
