package dev.keybridge.management;

import static dev.keybridge.management.VaultFixtures.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.management.KeyFailureCases.Case;
import dev.keybridge.management.KeyFailureCases.Who;
import dev.keybridge.management.keys.KeyOptions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every facade key operation, sync and async, for its failure: a missing key, a soft-deleted name,
 * a forbidden role, a disabled key and an expired key. Each case asserts the vault error code, the
 * inner code, the status, the operation and the key the exception names.
 */
class KeyManagerFailureTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .client(VaultFixtures.READER_ID, VaultFixtures.READER_SECRET, Role.READER);

  static final String MISSING = "never-created";
  static String deleted;
  static String existing;
  static String disabled;
  static String expired;
  static byte[] deletedBackup;
  static KeyPair rsaPair;
  static KeyPair runtime;
  static String target;

  static KeyVaultManager admin;
  static KeyVaultAsyncManager adminAsync;
  static KeyVaultManager reader;
  static KeyVaultAsyncManager readerAsync;

  @BeforeAll
  static void setUp() throws Exception {
    admin = new KeyVaultManager(VaultFixtures.adminConfig(VAULT.vault()));
    adminAsync = new KeyVaultAsyncManager(VaultFixtures.adminConfig(VAULT.vault()));
    var readerConfig =
        VaultFixtures.clientConfig(
            VAULT.vault(), VaultFixtures.READER_ID, VaultFixtures.READER_SECRET);
    reader = new KeyVaultManager(readerConfig);
    readerAsync = new KeyVaultAsyncManager(readerConfig);

    deleted = name("deleted");
    admin.createRsaKey(deleted, 2048, KeyOptions.defaults());
    deletedBackup = admin.backupKey(deleted);
    admin.deleteKey(deleted);
    existing = name("existing");
    admin.createEcKey(existing, KeyCurveName.P_256, KeyOptions.defaults());
    disabled = name("disabled");
    admin.createRsaKey(
        disabled,
        2048,
        KeyOptions.builder()
            .hardwareProtected(true)
            .enabled(false)
            .exportable(ReleaseTargets.POLICY)
            .build());
    expired = name("expired");
    admin.createRsaKey(
        expired,
        2048,
        KeyOptions.builder()
            .hardwareProtected(true)
            .notBefore(Instant.now().minus(2, ChronoUnit.DAYS))
            .expiresOn(Instant.now().minus(1, ChronoUnit.DAYS))
            .exportable(ReleaseTargets.POLICY)
            .build());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    rsaPair = generator.generateKeyPair();
    runtime = ReleaseTargets.runtimeKey();
    target = ReleaseTargets.token(runtime, "sevsnpvm");
  }

  static Stream<Case> cases() {
    return KeyFailureCases.all(
        new KeyFailureCases.Keys(
            MISSING, deleted, existing, disabled, expired, deletedBackup, rsaPair, target))
        .stream();
  }

  @ParameterizedTest(name = "sync {0}")
  @MethodSource("cases")
  void syncFailure(Case c) {
    KeyVaultManager manager = c.who() == Who.ADMIN ? admin : reader;
    Throwable thrown = catchThrowable(() -> c.sync().apply(manager));
    check(c, thrown);
  }

  @ParameterizedTest(name = "async {0}")
  @MethodSource("cases")
  void asyncFailure(Case c) throws Exception {
    KeyVaultAsyncManager manager = c.who() == Who.ADMIN ? adminAsync : readerAsync;
    CompletableFuture<?> future = c.async().apply(manager);
    Throwable thrown = catchThrowable(() -> future.get(60, TimeUnit.SECONDS));
    assertThat(thrown).as(c.description()).isInstanceOf(ExecutionException.class);
    check(c, thrown.getCause());
  }

  private static void check(Case c, Throwable thrown) {
    assertThat(thrown).as(c.description()).isInstanceOf(KeyVaultException.class);
    KeyVaultException e = (KeyVaultException) thrown;
    assertThat(e.statusCode()).as(c.description()).isEqualTo(c.status());
    assertThat(e.errorCode()).as(c.description()).isEqualTo(c.code());
    assertThat(e.innerErrorCode()).as(c.description()).isEqualTo(c.innerCode());
    assertThat(e.operation()).as(c.description()).isEqualTo(c.operation());
    assertThat(e.getMessage())
        .as(c.description())
        .contains(c.code())
        .contains("HTTP " + c.status());
    String expectedKey = c.key().get();
    assertThat(e.keyName()).as(c.description()).isEqualTo(expectedKey);
  }

  @Test
  void invalidNamesAreRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> admin.getKey("bad name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid name 'bad name'");
    assertThatThrownBy(() -> adminAsync.getKey("bad/name"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listingFailuresSurfaceWhileIteratingSyncAndAsync() {
    var stream = admin.listKeyVersions(MISSING);
    Throwable thrown = catchThrowable(stream::count);
    assertThat(thrown).isInstanceOf(KeyVaultException.class);
    assertThat(((KeyVaultException) thrown).errorCode()).isEqualTo("KeyNotFound");
    assertThat(((KeyVaultException) thrown).operation()).isEqualTo("listKeyVersions");

    Throwable async =
        catchThrowable(
            () ->
                reactor.adapter.JdkFlowAdapter.flowPublisherToFlux(
                        adminAsync.listKeyVersions(MISSING))
                    .collectList()
                    .block());
    assertThat(reactor.core.Exceptions.unwrap(async))
        .isInstanceOf(KeyVaultException.class)
        .hasMessageContaining(
            "listKeyVersions on '" + MISSING + "' failed: KeyNotFound (HTTP 404)");
  }
}
