package dev.keybridge.management;

import static dev.keybridge.management.VaultFixtures.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.keys.VaultKey;
import dev.keybridge.management.release.ReleaseOptions;
import java.security.KeyPair;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Secure Key Release failures through the facade, sync and async. */
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
    VaultKey key = manager.createRsaKey(name("rel-deny"), 2048, EXPORTABLE);
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

    VaultKey notExportable = manager.createRsaKey(name("rel-no"), 2048, KeyOptions.defaults());
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
}
