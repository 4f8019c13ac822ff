package dev.keybridge.localvault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.CreateOctKeyOptions;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.DeletedKey;
import com.azure.security.keyvault.keys.models.ImportKeyOptions;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyRotationPolicyAction;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.KeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Key management through the official KeyClient only (okhttp, ClientSecretCredential). */
class KeyLifecycleConformanceTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private final KeyClient keys = VAULT.sdk().keyClient();

  @Test
  void createsRsaKeysWithDefaultsAndExplicitParameters() {
    KeyVaultKey plain = keys.createRsaKey(new CreateRsaKeyOptions("rsa-default"));
    assertThat(plain.getKeyType()).isEqualTo(KeyType.RSA);
    RSAPublicKey pub = (RSAPublicKey) plain.getKey().toRsa().getPublic();
    assertThat(pub.getModulus().bitLength()).isEqualTo(2048);
    assertThat(pub.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    assertThat(plain.getKeyOperations())
        .containsExactlyInAnyOrder(
            KeyOperation.ENCRYPT,
            KeyOperation.DECRYPT,
            KeyOperation.SIGN,
            KeyOperation.VERIFY,
            KeyOperation.WRAP_KEY,
            KeyOperation.UNWRAP_KEY);
    assertThat(plain.getProperties().getVersion()).matches("[0-9a-f]{32}");
    assertThat(plain.getProperties().isEnabled()).isTrue();
    assertThat(plain.getProperties().getRecoveryLevel()).isEqualTo("Recoverable+Purgeable");
    assertThat(plain.getProperties().getRecoverableDays()).isEqualTo(90);

    OffsetDateTime exp =
        OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).truncatedTo(ChronoUnit.SECONDS);
    KeyVaultKey hsm =
        keys.createRsaKey(
            new CreateRsaKeyOptions("rsa-3072")
                .setKeySize(3072)
                .setPublicExponent(3)
                .setHardwareProtected(true)
                .setKeyOperations(KeyOperation.SIGN, KeyOperation.VERIFY)
                .setExpiresOn(exp)
                .setTags(Map.of("team", "crypto")));
    assertThat(hsm.getKeyType()).isEqualTo(KeyType.RSA_HSM);
    RSAPublicKey hsmPub = (RSAPublicKey) hsm.getKey().toRsa().getPublic();
    assertThat(hsmPub.getModulus().bitLength()).isEqualTo(3072);
    assertThat(hsmPub.getPublicExponent()).isEqualTo(BigInteger.valueOf(3));
    assertThat(hsm.getKeyOperations()).containsExactly(KeyOperation.SIGN, KeyOperation.VERIFY);
    assertThat(hsm.getProperties().getExpiresOn()).isEqualTo(exp);
    assertThat(hsm.getProperties().getTags()).isEqualTo(Map.of("team", "crypto"));
  }

  @Test
  void createsEcKeysOnEveryCurveAndOctKeysOfEverySize() throws Exception {
    Map<KeyCurveName, Integer> curveBits =
        Map.of(
            KeyCurveName.P_256,
            256,
            KeyCurveName.P_384,
            384,
            KeyCurveName.P_521,
            521,
            KeyCurveName.P_256K,
            256);
    for (Map.Entry<KeyCurveName, Integer> c : curveBits.entrySet()) {
      String name = "ec-" + c.getKey().toString().toLowerCase().replace("-", "");
      KeyVaultKey k = keys.createEcKey(new CreateEcKeyOptions(name).setCurveName(c.getKey()));
      assertThat(k.getKey().getCurveName()).isEqualTo(c.getKey());
      assertThat(k.getKeyOperations())
          .containsExactlyInAnyOrder(KeyOperation.SIGN, KeyOperation.VERIFY);
      assertThat(k.getKey().getX()).hasSize((c.getValue() + 7) / 8);
    }
    KeyVaultKey defaultCurve = keys.createKey("ec-default", KeyType.EC);
    assertThat(defaultCurve.getKey().getCurveName()).isEqualTo(KeyCurveName.P_256);
    ECPublicKey p256 = (ECPublicKey) defaultCurve.getKey().toEc().getPublic();
    assertThat(p256.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);

    for (int bits : new int[] {128, 192, 256}) {
      KeyVaultKey oct =
          keys.createOctKey(
              new CreateOctKeyOptions("oct-" + bits).setKeySize(bits).setHardwareProtected(true));
      assertThat(oct.getKeyType()).isEqualTo(KeyType.OCT_HSM);
      assertThat(oct.getKey().getK()).as("symmetric material is never returned").isNull();
      assertThat(oct.getKeyOperations())
          .contains(
              KeyOperation.ENCRYPT,
              KeyOperation.DECRYPT,
              KeyOperation.WRAP_KEY,
              KeyOperation.UNWRAP_KEY);
    }
  }

  @Test
  void importsRsaEcAndOctKeysAndReturnsOnlyPublicParts() throws Exception {
    KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
    rsaGen.initialize(2048);
    KeyPair rsa = rsaGen.generateKeyPair();
    ImportKeyOptions options =
        new ImportKeyOptions("imp-rsa", JsonWebKey.fromRsa(rsa)).setHardwareProtected(true);
    options.setTags(Map.of("t", "1"));
    KeyVaultKey imported = keys.importKey(options);
    assertThat(imported.getKeyType()).isEqualTo(KeyType.RSA_HSM);
    assertThat(imported.getKey().getD()).isNull();
    assertThat(imported.getKey().toRsa().getPublic()).isEqualTo(rsa.getPublic());

    KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
    ecGen.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    KeyPair ec = ecGen.generateKeyPair();
    KeyVaultKey ecKey =
        keys.importKey(
            "imp-ec", JsonWebKey.fromEc(ec, java.security.Security.getProvider("SunEC")));
    assertThat(ecKey.getKeyType()).isEqualTo(KeyType.EC);
    assertThat(ecKey.getKey().getCurveName()).isEqualTo(KeyCurveName.P_384);
    assertThat(ecKey.getKey().getD()).isNull();

    KeyGenerator aes = KeyGenerator.getInstance("AES");
    aes.init(256);
    KeyVaultKey oct =
        keys.importKey(
            new ImportKeyOptions("imp-oct", JsonWebKey.fromAes(aes.generateKey()))
                .setHardwareProtected(true));
    assertThat(oct.getKeyType()).isEqualTo(KeyType.OCT_HSM);
    assertThat(oct.getKey().getK()).isNull();
  }

  @Test
  void getsLatestAndSpecificVersionsAndUpdatesWithPatchSemantics() {
    KeyVaultKey v1 = keys.createKey("versions", KeyType.EC);
    KeyVaultKey v2 =
        keys.createEcKey(new CreateEcKeyOptions("versions").setTags(Map.of("a", "1", "b", "2")));
    assertThat(keys.getKey("versions").getId()).isEqualTo(v2.getId());
    assertThat(keys.getKey("versions", v1.getProperties().getVersion()).getId())
        .isEqualTo(v1.getId());

    KeyProperties props = v2.getProperties().setEnabled(false).setTags(Map.of("c", "3"));
    KeyVaultKey updated = keys.updateKeyProperties(props, KeyOperation.SIGN);
    assertThat(updated.getProperties().isEnabled()).isFalse();
    assertThat(updated.getProperties().getTags()).isEqualTo(Map.of("c", "3"));
    assertThat(updated.getKeyOperations()).containsExactly(KeyOperation.SIGN);
    // Fields not sent stay as they were: re-enable without touching tags or key_ops.
    KeyVaultKey reenabled =
        keys.updateKeyProperties(
            keys.getKey("versions").getProperties().setEnabled(true).setTags(null));
    assertThat(reenabled.getProperties().isEnabled()).isTrue();
    assertThat(reenabled.getProperties().getTags()).isEqualTo(Map.of("c", "3"));
    assertThat(reenabled.getKeyOperations()).containsExactly(KeyOperation.SIGN);
    assertThat(keys.getKey("versions", v1.getProperties().getVersion()).getProperties().isEnabled())
        .isTrue();

    List<String> versions =
        keys.listPropertiesOfKeyVersions("versions").stream()
            .map(KeyProperties::getVersion)
            .collect(Collectors.toList());
    assertThat(versions)
        .containsExactly(v1.getProperties().getVersion(), v2.getProperties().getVersion());
  }

  @Test
  void pagesOverMoreThanSixtyKeysAndManyVersions() {
    AccessLog log = VAULT.accessLog();
    for (int i = 0; i < 61; i++) {
      keys.createKey(String.format("page-%02d", i), KeyType.EC);
    }
    long mark = log.mark();
    List<String> names =
        keys.listPropertiesOfKeys().stream()
            .map(KeyProperties::getName)
            .filter(n -> n.startsWith("page-"))
            .collect(Collectors.toList());
    assertThat(names).hasSize(61).doesNotHaveDuplicates();
    long pages = log.count(mark, "GET", "/keys");
    assertThat(pages).as("61+ keys in pages of at most 25").isGreaterThanOrEqualTo(3);

    for (int i = 0; i < 27; i++) {
      keys.createKey("many-versions", KeyType.EC);
    }
    List<PagedResponse<KeyProperties>> versionPages = new ArrayList<>();
    keys.listPropertiesOfKeyVersions("many-versions").iterableByPage().forEach(versionPages::add);
    assertThat(versionPages).hasSize(2);
    assertThat(versionPages.get(0).getValue()).hasSize(25);
    assertThat(versionPages.get(0).getContinuationToken())
        .contains("api-version=")
        .contains("$skiptoken=");
    assertThat(versionPages.get(1).getValue()).hasSize(2);
  }

  @Test
  void deletesRecoversPurgesWithThePollersAndBlocksReuseOfADeletedName() {
    KeyVaultKey key = keys.createKey("lifecycle", KeyType.EC);
    keys.createKey("lifecycle", KeyType.EC);
    SyncPoller<DeletedKey, Void> delete = keys.beginDeleteKey("lifecycle");
    assertThat(delete.waitForCompletion(Duration.ofSeconds(30)).getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    DeletedKey deleted = keys.getDeletedKey("lifecycle");
    assertThat(deleted.getRecoveryId()).isEqualTo(VAULT.vault().url() + "/deletedkeys/lifecycle");
    assertThat(deleted.getScheduledPurgeDate()).isEqualTo(deleted.getDeletedOn().plusDays(90));
    assertThat(keys.listDeletedKeys().stream().map(DeletedKey::getName)).contains("lifecycle");
    assertThatThrownBy(() -> keys.getKey("lifecycle"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> keys.createKey("lifecycle", KeyType.EC))
        .isInstanceOf(ResourceModifiedException.class)
        .hasMessageContaining("ObjectIsDeletedButRecoverable");

    SyncPoller<KeyVaultKey, Void> recover = keys.beginRecoverDeletedKey("lifecycle");
    assertThat(recover.waitForCompletion(Duration.ofSeconds(30)).getStatus())
        .isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
    assertThat(keys.listPropertiesOfKeyVersions("lifecycle").stream().count()).isEqualTo(2);
    assertThat(keys.getKey("lifecycle", key.getProperties().getVersion()).getId())
        .isEqualTo(key.getId());

    keys.beginDeleteKey("lifecycle").waitForCompletion(Duration.ofSeconds(30));
    keys.purgeDeletedKey("lifecycle");
    assertThatThrownBy(() -> keys.getDeletedKey("lifecycle"))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(keys.createKey("lifecycle", KeyType.EC).getProperties().getVersion())
        .isNotEqualTo(key.getProperties().getVersion());
  }

  @Test
  void backupRestoresAllVersionsWithTheirIdsAfterPurge() {
    KeyVaultKey v1 = keys.createKey("backed-up", KeyType.EC);
    KeyVaultKey v2 = keys.createKey("backed-up", KeyType.EC);
    byte[] backup = keys.backupKey("backed-up");
    assertThatThrownBy(() -> keys.restoreKeyBackup(backup))
        .as("the name is taken")
        .isInstanceOf(ResourceModifiedException.class);
    keys.beginDeleteKey("backed-up").waitForCompletion(Duration.ofSeconds(30));
    assertThatThrownBy(() -> keys.restoreKeyBackup(backup))
        .as("the name is soft-deleted")
        .isInstanceOf(ResourceModifiedException.class)
        .hasMessageContaining("ObjectIsDeletedButRecoverable");
    keys.purgeDeletedKey("backed-up");

    KeyVaultKey restored = keys.restoreKeyBackup(backup);
    assertThat(restored.getId()).isEqualTo(v2.getId());
    assertThat(restored.getKey().getX()).isEqualTo(v2.getKey().getX());
    assertThat(keys.getKey("backed-up", v1.getProperties().getVersion()).getKey().getX())
        .isEqualTo(v1.getKey().getX());

    byte[] tampered = backup.clone();
    tampered[tampered.length / 2] ^= 1;
    assertThatThrownBy(() -> keys.restoreKeyBackup(tampered))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400))
        .hasMessageContaining("BadParameter");
  }

  @Test
  void rotatesWithSameShapeAndPolicyExpiry() {
    KeyVaultKey original =
        keys.createRsaKey(
            new CreateRsaKeyOptions("rotating")
                .setKeyOperations(KeyOperation.SIGN, KeyOperation.VERIFY)
                .setTags(Map.of("k", "v")));
    KeyRotationPolicy defaults = keys.getKeyRotationPolicy("rotating");
    assertThat(defaults.getLifetimeActions()).hasSize(1);
    assertThat(defaults.getLifetimeActions().get(0).getAction())
        .isEqualTo(KeyRotationPolicyAction.NOTIFY);
    assertThat(defaults.getLifetimeActions().get(0).getTimeBeforeExpiry()).isEqualTo("P30D");

    KeyRotationPolicy policy =
        new KeyRotationPolicy()
            .setExpiresIn("P90D")
            .setLifetimeActions(
                List.of(
                    new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE)
                        .setTimeAfterCreate("P30D"),
                    new KeyRotationLifetimeAction(KeyRotationPolicyAction.NOTIFY)
                        .setTimeBeforeExpiry("P7D")));
    KeyRotationPolicy saved = keys.updateKeyRotationPolicy("rotating", policy);
    assertThat(saved.getId()).isEqualTo(VAULT.vault().url() + "/keys/rotating/rotationpolicy");
    assertThat(saved.getExpiresIn()).isEqualTo("P90D");
    assertThat(saved.getCreatedOn()).isNotNull();
    assertThat(keys.getKeyRotationPolicy("rotating").getLifetimeActions())
        .extracting(KeyRotationLifetimeAction::getAction)
        .containsExactly(KeyRotationPolicyAction.ROTATE, KeyRotationPolicyAction.NOTIFY);

    KeyVaultKey rotated = keys.rotateKey("rotating");
    assertThat(rotated.getProperties().getVersion())
        .isNotEqualTo(original.getProperties().getVersion());
    assertThat(rotated.getKeyType()).isEqualTo(KeyType.RSA);
    assertThat(rotated.getKey().getN()).hasSize(256).isNotEqualTo(original.getKey().getN());
    assertThat(rotated.getKeyOperations()).containsExactly(KeyOperation.SIGN, KeyOperation.VERIFY);
    assertThat(rotated.getProperties().getTags()).isEqualTo(Map.of("k", "v"));
    assertThat(
            Duration.between(
                rotated.getProperties().getCreatedOn(), rotated.getProperties().getExpiresOn()))
        .isEqualTo(Duration.ofDays(90));
    assertThat(keys.getKey("rotating").getId()).isEqualTo(rotated.getId());

    assertThatThrownBy(
            () ->
                keys.updateKeyRotationPolicy(
                    "rotating",
                    new KeyRotationPolicy().setExpiresIn("P10D").setLifetimeActions(List.of())))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400));
  }

  @Test
  void surfacesTheSdkExceptionTypes() {
    assertThatThrownBy(() -> keys.getKey("does-not-exist"))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("KeyNotFound");
    assertThatThrownBy(
            () -> keys.createRsaKey(new CreateRsaKeyOptions("too-small").setKeySize(1024)))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400))
        .hasMessageContaining("BadParameter");
    KeyVaultKey key = keys.createKey("disabled", KeyType.EC);
    keys.updateKeyProperties(key.getProperties().setEnabled(false));
    assertThatThrownBy(
            () ->
                keys.getCryptographyClient("disabled")
                    .sign(
                        com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm
                            .ES256,
                        new byte[32]))
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403))
        .hasMessageContaining("KeyDisabled");
  }
}
