package dev.keybridge.management;

import static dev.keybridge.management.VaultFixtures.name;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.DeletedKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyRotationPolicyAction;
import com.azure.security.keyvault.keys.models.KeyType;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.keys.JwkKeys;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.keys.KeyUpdate;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every synchronous key operation of the facade, for its result, against the local vault. */
class KeyManagerTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static KeyVaultManager manager;

  @BeforeAll
  static void manager() {
    manager = new KeyVaultManager(VaultFixtures.adminConfig(VAULT.vault()));
  }

  @Test
  void createsRsaKeysWithEveryOption() {
    Instant nbf = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Instant exp = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    KeyOptions options =
        KeyOptions.builder()
            .operations(KeyOperation.SIGN, KeyOperation.VERIFY)
            .enabled(true)
            .notBefore(nbf)
            .expiresOn(exp)
            .tag("team", "payments")
            .build();
    KeyBundle key = manager.createRsaKey(name("rsa"), 3072, options);
    assertThat(key.keyType()).isEqualTo(KeyType.RSA);
    assertThat(((RSAPublicKey) key.publicKey().orElseThrow()).getModulus().bitLength())
        .isEqualTo(3072);
    assertThat(key.operations()).containsExactlyInAnyOrder(KeyOperation.SIGN, KeyOperation.VERIFY);
    assertThat(key.properties().getNotBefore().toInstant()).isEqualTo(nbf);
    assertThat(key.properties().getExpiresOn().toInstant()).isEqualTo(exp);
    assertThat(key.properties().getTags()).containsEntry("team", "payments");
    assertThat(key.properties().isEnabled()).isTrue();

    KeyBundle exponent3 =
        manager.createRsaKey(
            name("rsa-e3"), 2048, 3, KeyOptions.builder().hardwareProtected(true).build());
    assertThat(exponent3.keyType()).isEqualTo(KeyType.RSA_HSM);
    assertThat(((RSAPublicKey) exponent3.publicKey().orElseThrow()).getPublicExponent())
        .isEqualTo(BigInteger.valueOf(3));
  }

  @Test
  void createsEcOctAndGenericKeys() {
    KeyBundle p256 = manager.createEcKey(name("ec"), KeyCurveName.P_256, KeyOptions.defaults());
    assertThat(JwkKeys.curveOf(((ECPublicKey) p256.publicKey().orElseThrow()).getParams()))
        .isEqualTo(KeyCurveName.P_256);
    KeyBundle k256 =
        manager.createEcKey(
            name("ec-k"),
            KeyCurveName.P_256K,
            KeyOptions.builder().hardwareProtected(true).build());
    assertThat(k256.keyType()).isEqualTo(KeyType.EC_HSM);
    assertThat(JwkKeys.curveOf(((ECPublicKey) k256.publicKey().orElseThrow()).getParams()))
        .isEqualTo(KeyCurveName.P_256K);

    KeyBundle oct =
        manager.createOctKey(
            name("oct"), 256, KeyOptions.builder().hardwareProtected(true).build());
    assertThat(oct.keyType()).isEqualTo(KeyType.OCT_HSM);
    assertThat(oct.publicKey()).isEmpty();

    KeyBundle generic =
        manager.createKey(
            name("gen"), KeyType.EC, KeyOptions.builder().hardwareProtected(true).build());
    assertThat(generic.keyType()).isEqualTo(KeyType.EC_HSM);
    assertThat(generic.publicKey()).isPresent();
  }

  @Test
  void importsKeyPairsSecretKeysAndJwks() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair rsaPair = rsa.generateKeyPair();
    KeyBundle importedRsa =
        manager.importKey(name("imp-rsa"), rsaPair, KeyOptions.builder().tag("src", "jca").build());
    assertThat(importedRsa.publicKey()).contains(rsaPair.getPublic());
    assertThat(importedRsa.properties().getTags()).containsEntry("src", "jca");

    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair ecPair = ec.generateKeyPair();
    KeyBundle importedEc =
        manager.importKey(
            name("imp-ec"),
            ecPair.getPrivate(),
            ecPair.getPublic(),
            KeyOptions.builder().hardwareProtected(true).build());
    assertThat(importedEc.keyType()).isEqualTo(KeyType.EC_HSM);
    assertThat(importedEc.publicKey().orElseThrow().getEncoded())
        .isEqualTo(ecPair.getPublic().getEncoded());

    KeyBundle importedAes =
        manager.importKey(
            name("imp-aes"), new SecretKeySpec(new byte[32], "AES"), KeyOptions.defaults());
    assertThat(importedAes.keyType().toString()).startsWith("oct");

    KeyBundle importedJwk =
        manager.importKey(
            name("imp-jwk"),
            JwkKeys.fromKeyPair(rsaPair.getPublic(), rsaPair.getPrivate()),
            KeyOptions.builder().operations(KeyOperation.SIGN).build());
    assertThat(importedJwk.operations()).containsExactly(KeyOperation.SIGN);
  }

  @Test
  void getsListsAndUpdatesVersions() {
    String name = name("life");
    KeyBundle first = manager.createEcKey(name, KeyCurveName.P_256, KeyOptions.defaults());
    KeyBundle second = manager.rotateKey(name);
    assertThat(second.version()).isNotEqualTo(first.version());
    assertThat(second.keyType()).isEqualTo(KeyType.EC);

    assertThat(manager.getKey(name).version()).isEqualTo(second.version());
    assertThat(manager.getKey(name, first.version()).publicKey()).isEqualTo(first.publicKey());
    assertThat(manager.getKey(name, null).version()).isEqualTo(second.version());

    assertThat(manager.listKeyNames().filter(name::equals).count()).isEqualTo(1);
    assertThat(manager.listKeys().map(KeyProperties::getName)).contains(name);
    assertThat(
            manager
                .listKeyVersions(name)
                .map(KeyProperties::getVersion)
                .collect(Collectors.toList()))
        .containsExactlyInAnyOrder(first.version(), second.version());

    Instant exp = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    KeyBundle updated =
        manager.updateKeyProperties(
            name,
            first.version(),
            KeyUpdate.builder().enabled(false).expiresOn(exp).tags(Map.of("state", "old")).build());
    assertThat(updated.version()).isEqualTo(first.version());
    assertThat(updated.properties().isEnabled()).isFalse();
    assertThat(updated.properties().getExpiresOn().toInstant()).isEqualTo(exp);
    assertThat(updated.properties().getTags()).isEqualTo(Map.of("state", "old"));
    assertThat(manager.getKey(name).properties().isEnabled()).isTrue();

    KeyBundle latestOps =
        manager.updateKeyProperties(
            name, null, KeyUpdate.builder().operations(KeyOperation.SIGN).build());
    assertThat(latestOps.version()).isEqualTo(second.version());
    assertThat(latestOps.operations()).containsExactly(KeyOperation.SIGN);
  }

  @Test
  void listingIsLazy() {
    for (int i = 0; i < 3; i++) {
      manager.createOctKey(name("lazy"), 128, KeyOptions.defaults());
    }
    var log = VAULT.accessLog();
    long mark = log.mark();
    var stream = manager.listKeyNames();
    assertThat(log.count(mark, "GET", "/keys")).as("nothing fetched before consumption").isZero();
    assertThat(stream.limit(1).count()).isEqualTo(1);
    assertThat(log.count(mark, "GET", "/keys")).isEqualTo(1);
  }

  @Test
  void deletesRecoversAndPurges() {
    String name = name("del");
    KeyBundle key = manager.createRsaKey(name, 2048, KeyOptions.defaults());
    DeletedKey deleted = manager.deleteKey(name);
    assertThat(deleted.getName()).isEqualTo(name);
    assertThat(deleted.getRecoveryId()).endsWith("/deletedkeys/" + name);
    assertThat(deleted.getDeletedOn()).isNotNull();
    assertThat(manager.getDeletedKey(name).getScheduledPurgeDate()).isAfter(deleted.getDeletedOn());
    assertThat(manager.listDeletedKeys().map(DeletedKey::getName)).contains(name);
    assertThat(manager.listKeyNames()).doesNotContain(name);

    KeyBundle recovered = manager.recoverDeletedKey(name);
    assertThat(recovered.version()).isEqualTo(key.version());
    assertThat(manager.getKey(name).publicKey()).isEqualTo(key.publicKey());

    var poller = manager.beginDeleteKey(name);
    assertThat(poller.waitForCompletion().getValue().getName()).isEqualTo(name);
    manager.purgeDeletedKey(name);
    assertThat(manager.listDeletedKeys().map(DeletedKey::getName)).doesNotContain(name);
    String other = manager.createOctKey(name("poll"), 128, KeyOptions.defaults()).name();
    manager.deleteKey(other);
    var recoverPoller = manager.beginRecoverDeletedKey(other);
    assertThat(recoverPoller.waitForCompletion().getValue().getName()).isEqualTo(other);
    assertThat(manager.getKey(other).name()).isEqualTo(other);
  }

  @Test
  void rotationPolicyRoundTrips() {
    String name = name("rot");
    manager.createRsaKey(name, 2048, KeyOptions.defaults());
    KeyRotationPolicy policy =
        new KeyRotationPolicy()
            .setExpiresIn("P90D")
            .setLifetimeActions(
                List.of(
                    new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE)
                        .setTimeAfterCreate("P30D"),
                    new KeyRotationLifetimeAction(KeyRotationPolicyAction.NOTIFY)
                        .setTimeBeforeExpiry("P7D")));
    KeyRotationPolicy stored = manager.updateKeyRotationPolicy(name, policy);
    assertThat(stored.getExpiresIn()).isEqualTo("P90D");
    KeyRotationPolicy read = manager.getKeyRotationPolicy(name);
    assertThat(read.getExpiresIn()).isEqualTo("P90D");
    assertThat(read.getLifetimeActions())
        .extracting(KeyRotationLifetimeAction::getAction)
        .containsExactlyInAnyOrder(KeyRotationPolicyAction.ROTATE, KeyRotationPolicyAction.NOTIFY);
  }
}
