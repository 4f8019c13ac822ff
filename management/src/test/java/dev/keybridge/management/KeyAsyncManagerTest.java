package dev.keybridge.management;

import static dev.keybridge.management.VaultFixtures.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.adapter.JdkFlowAdapter;

/** Every asynchronous key operation of the facade, for its result, against the local vault. */
class KeyAsyncManagerTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static KeyVaultAsyncManager manager;

  @BeforeAll
  static void manager() {
    manager = new KeyVaultAsyncManager(VaultFixtures.adminConfig(VAULT.vault()));
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(60, TimeUnit.SECONDS);
  }

  private static <T> List<T> collect(Flow.Publisher<T> publisher) {
    return JdkFlowAdapter.flowPublisherToFlux(publisher).collectList().block();
  }

  @Test
  void createsEveryKindOfKey() throws Exception {
    Instant exp = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    KeyBundle rsa =
        await(
            manager.createRsaKey(
                name("a-rsa"),
                2048,
                KeyOptions.builder()
                    .operations(KeyOperation.SIGN)
                    .expiresOn(exp)
                    .tag("k", "v")
                    .build()));
    assertThat(((RSAPublicKey) rsa.publicKey().orElseThrow()).getModulus().bitLength())
        .isEqualTo(2048);
    assertThat(rsa.operations()).containsExactly(KeyOperation.SIGN);
    assertThat(rsa.properties().getExpiresOn().toInstant()).isEqualTo(exp);
    assertThat(rsa.properties().getTags()).containsEntry("k", "v");
    KeyBundle e3 = await(manager.createRsaKey(name("a-rsa3"), 2048, 3, KeyOptions.defaults()));
    assertThat(((RSAPublicKey) e3.publicKey().orElseThrow()).getPublicExponent())
        .isEqualTo(BigInteger.valueOf(3));
    KeyBundle ec =
        await(manager.createEcKey(name("a-ec"), KeyCurveName.P_521, KeyOptions.defaults()));
    assertThat(JwkKeys.curveOf(((ECPublicKey) ec.publicKey().orElseThrow()).getParams()))
        .isEqualTo(KeyCurveName.P_521);
    KeyBundle oct =
        await(
            manager.createOctKey(
                name("a-oct"), 128, KeyOptions.builder().hardwareProtected(true).build()));
    assertThat(oct.keyType()).isEqualTo(KeyType.OCT_HSM);
    KeyBundle generic = await(manager.createKey(name("a-gen"), KeyType.RSA, KeyOptions.defaults()));
    assertThat(generic.keyType()).isEqualTo(KeyType.RSA);
  }

  @Test
  void importsEveryKindOfKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    assertThat(await(manager.importKey(name("a-imp1"), pair, KeyOptions.defaults())).publicKey())
        .contains(pair.getPublic());
    assertThat(
            await(
                    manager.importKey(
                        name("a-imp2"), pair.getPrivate(), pair.getPublic(), KeyOptions.defaults()))
                .publicKey())
        .contains(pair.getPublic());
    assertThat(
            await(
                    manager.importKey(
                        name("a-imp3"),
                        new SecretKeySpec(new byte[24], "AES"),
                        KeyOptions.defaults()))
                .keyType()
                .toString())
        .startsWith("oct");
    assertThat(
            await(
                    manager.importKey(
                        name("a-imp4"),
                        JwkKeys.fromKeyPair(pair.getPublic(), pair.getPrivate()),
                        KeyOptions.builder().hardwareProtected(true).build()))
                .keyType())
        .isEqualTo(KeyType.RSA_HSM);
  }

  @Test
  void getListUpdateRotateAndPolicy() throws Exception {
    String name = name("a-life");
    KeyBundle first = await(manager.createEcKey(name, KeyCurveName.P_256, KeyOptions.defaults()));
    KeyBundle second = await(manager.rotateKey(name));
    assertThat(second.version()).isNotEqualTo(first.version());
    assertThat(await(manager.getKey(name)).version()).isEqualTo(second.version());
    assertThat(await(manager.getKey(name, first.version())).publicKey())
        .isEqualTo(first.publicKey());
    assertThat(collect(manager.listKeyNames())).contains(name);
    assertThat(collect(manager.listKeys())).extracting(KeyProperties::getName).contains(name);
    assertThat(collect(manager.listKeyVersions(name)))
        .extracting(KeyProperties::getVersion)
        .containsExactlyInAnyOrder(first.version(), second.version());

    KeyBundle updated =
        await(
            manager.updateKeyProperties(
                name,
                first.version(),
                KeyUpdate.builder().enabled(false).tags(Map.of("a", "b")).build()));
    assertThat(updated.properties().isEnabled()).isFalse();
    assertThat(updated.properties().getTags()).isEqualTo(Map.of("a", "b"));

    KeyRotationPolicy policy =
        new KeyRotationPolicy()
            .setExpiresIn("P60D")
            .setLifetimeActions(
                List.of(
                    new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE)
                        .setTimeBeforeExpiry("P10D")));
    assertThat(await(manager.updateKeyRotationPolicy(name, policy)).getExpiresIn())
        .isEqualTo("P60D");
    // As Azure: a policy with Rotate and no Notify action gets the default Notify (P30D).
    assertThat(await(manager.getKeyRotationPolicy(name)).getLifetimeActions())
        .extracting(
            KeyRotationLifetimeAction::getAction, KeyRotationLifetimeAction::getTimeBeforeExpiry)
        .containsExactly(
            tuple(KeyRotationPolicyAction.ROTATE, "P10D"),
            tuple(KeyRotationPolicyAction.NOTIFY, "P30D"));
  }

  @Test
  void deleteRecoverPurge() throws Exception {
    String name = name("a-del");
    KeyBundle key = await(manager.createRsaKey(name, 2048, KeyOptions.defaults()));
    DeletedKey deleted = await(manager.deleteKey(name));
    assertThat(deleted.getRecoveryId()).endsWith("/deletedkeys/" + name);
    assertThat(await(manager.getDeletedKey(name)).getName()).isEqualTo(name);
    assertThat(collect(manager.listDeletedKeys())).extracting(DeletedKey::getName).contains(name);
    assertThat(await(manager.recoverDeletedKey(name)).version()).isEqualTo(key.version());
    assertThat(manager.beginDeleteKey(name).blockLast().getValue().getName()).isEqualTo(name);
    await(manager.purgeDeletedKey(name));
    assertThat(collect(manager.listDeletedKeys()))
        .extracting(DeletedKey::getName)
        .doesNotContain(name);
    String other = name("a-rec");
    await(manager.createOctKey(other, 256, KeyOptions.defaults()));
    await(manager.deleteKey(other));
    assertThat(manager.beginRecoverDeletedKey(other).blockLast().getValue().getName())
        .isEqualTo(other);
  }
}
