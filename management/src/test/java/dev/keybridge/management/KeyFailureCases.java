package dev.keybridge.management;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyType;
import dev.keybridge.management.keys.JwkKeys;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.keys.KeyUpdate;
import dev.keybridge.management.release.ReleaseOptions;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.crypto.spec.SecretKeySpec;

/** The failure table of {@link KeyManagerFailureTest}: one row per operation and cause. */
final class KeyFailureCases {
  private KeyFailureCases() {}

  /** The keys the cases refer to, created by the test. */
  record Keys(
      String absent,
      String deleted,
      String existing,
      String disabled,
      String expired,
      byte[] deletedBackup,
      KeyPair rsaPair,
      String target) {}

  enum Who {
    ADMIN,
    READER
  }

  record Case(
      String description,
      Who who,
      String operation,
      java.util.function.Supplier<String> key,
      int status,
      String code,
      String innerCode,
      Function<KeyVaultManager, Object> sync,
      Function<KeyVaultAsyncManager, CompletableFuture<?>> async) {
    @Override
    public String toString() {
      return description;
    }
  }

  static List<Case> all(Keys k) {
    List<Case> cases = new java.util.ArrayList<>();
    KeyOptions none = KeyOptions.defaults();
    KeyUpdate disable = KeyUpdate.builder().enabled(false).build();
    KeyRotationPolicy policy = new KeyRotationPolicy().setExpiresIn("P90D");
    ReleaseOptions release = ReleaseOptions.defaults();

    // Missing key: 404 KeyNotFound.
    missing(k, cases, "getKey", m -> m.getKey(k.absent()), a -> a.getKey(k.absent()));
    missing(
        k,
        cases,
        "getKey",
        m -> m.getKey(k.absent(), "0123456789abcdef0123456789abcdef"),
        a -> a.getKey(k.absent(), "0123456789abcdef0123456789abcdef"));
    missing(
        k,
        cases,
        "updateKey",
        m -> m.updateKeyProperties(k.absent(), null, disable),
        a -> a.updateKeyProperties(k.absent(), null, disable));
    missing(k, cases, "deleteKey", m -> m.deleteKey(k.absent()), a -> a.deleteKey(k.absent()));
    missing(
        k,
        cases,
        "getDeletedKey",
        m -> m.getDeletedKey(k.absent()),
        a -> a.getDeletedKey(k.absent()));
    missing(
        k,
        cases,
        "recoverDeletedKey",
        m -> m.recoverDeletedKey(k.absent()),
        a -> a.recoverDeletedKey(k.absent()));
    missing(
        k,
        cases,
        "purgeDeletedKey",
        m -> {
          m.purgeDeletedKey(k.absent());
          return null;
        },
        a -> a.purgeDeletedKey(k.absent()));
    missing(k, cases, "backupKey", m -> m.backupKey(k.absent()), a -> a.backupKey(k.absent()));
    missing(k, cases, "rotateKey", m -> m.rotateKey(k.absent()), a -> a.rotateKey(k.absent()));
    missing(
        k,
        cases,
        "getRotationPolicy",
        m -> m.getKeyRotationPolicy(k.absent()),
        a -> a.getKeyRotationPolicy(k.absent()));
    missing(
        k,
        cases,
        "updateRotationPolicy",
        m -> m.updateKeyRotationPolicy(k.absent(), policy),
        a -> a.updateKeyRotationPolicy(k.absent(), policy));
    missing(
        k,
        cases,
        "release",
        m -> m.releaseKey(k.absent(), null, k.target(), release),
        a -> a.releaseKey(k.absent(), null, k.target(), release));

    // Soft-k.deleted() name: 409 Conflict / ObjectIsDeletedButRecoverable.
    softDeleted(
        k,
        cases,
        "createKey",
        "createRsaKey",
        m -> m.createRsaKey(k.deleted(), 2048, none),
        a -> a.createRsaKey(k.deleted(), 2048, none));
    softDeleted(
        k,
        cases,
        "createKey",
        "createEcKey",
        m -> m.createEcKey(k.deleted(), KeyCurveName.P_256, none),
        a -> a.createEcKey(k.deleted(), KeyCurveName.P_256, none));
    softDeleted(
        k,
        cases,
        "createKey",
        "createOctKey",
        m -> m.createOctKey(k.deleted(), 256, none),
        a -> a.createOctKey(k.deleted(), 256, none));
    softDeleted(
        k,
        cases,
        "createKey",
        "createKey",
        m -> m.createKey(k.deleted(), KeyType.RSA, none),
        a -> a.createKey(k.deleted(), KeyType.RSA, none));
    softDeleted(
        k,
        cases,
        "importKey",
        "importKey(KeyPair)",
        m -> m.importKey(k.deleted(), k.rsaPair(), none),
        a -> a.importKey(k.deleted(), k.rsaPair(), none));
    softDeleted(
        k,
        cases,
        "importKey",
        "importKey(PrivateKey, PublicKey)",
        m -> m.importKey(k.deleted(), k.rsaPair().getPrivate(), k.rsaPair().getPublic(), none),
        a -> a.importKey(k.deleted(), k.rsaPair().getPrivate(), k.rsaPair().getPublic(), none));
    softDeleted(
        k,
        cases,
        "importKey",
        "importKey(SecretKey)",
        m -> m.importKey(k.deleted(), new SecretKeySpec(new byte[16], "AES"), none),
        a -> a.importKey(k.deleted(), new SecretKeySpec(new byte[16], "AES"), none));
    softDeleted(
        k,
        cases,
        "importKey",
        "importKey(JWK)",
        m ->
            m.importKey(
                k.deleted(),
                JwkKeys.fromKeyPair(k.rsaPair().getPublic(), k.rsaPair().getPrivate()),
                none),
        a ->
            a.importKey(
                k.deleted(),
                JwkKeys.fromKeyPair(k.rsaPair().getPublic(), k.rsaPair().getPrivate()),
                none));
    cases.add(
        new Case(
            "restoreKeyBackup onto a soft-k.deleted() name",
            Who.ADMIN,
            "restoreKey",
            () -> null,
            409,
            "Conflict",
            "ObjectIsDeletedButRecoverable",
            m -> m.restoreKeyBackup(k.deletedBackup()),
            a -> a.restoreKeyBackup(k.deletedBackup())));

    // Forbidden role: a Key Vault Reader may read but not change keys.
    forbidden(
        cases,
        "createKey",
        () -> k.existing(),
        m -> m.createRsaKey(k.existing(), 2048, none),
        a -> a.createRsaKey(k.existing(), 2048, none));
    forbidden(
        cases,
        "importKey",
        () -> k.existing(),
        m -> m.importKey(k.existing(), k.rsaPair(), none),
        a -> a.importKey(k.existing(), k.rsaPair(), none));
    forbidden(
        cases,
        "updateKey",
        () -> k.existing(),
        m -> m.updateKeyProperties(k.existing(), null, disable),
        a -> a.updateKeyProperties(k.existing(), null, disable));
    forbidden(
        cases,
        "deleteKey",
        () -> k.existing(),
        m -> m.deleteKey(k.existing()),
        a -> a.deleteKey(k.existing()));
    forbidden(
        cases,
        "purgeDeletedKey",
        () -> k.deleted(),
        m -> {
          m.purgeDeletedKey(k.deleted());
          return null;
        },
        a -> a.purgeDeletedKey(k.deleted()));
    forbidden(
        cases,
        "recoverDeletedKey",
        () -> k.deleted(),
        m -> m.recoverDeletedKey(k.deleted()),
        a -> a.recoverDeletedKey(k.deleted()));
    forbidden(
        cases,
        "backupKey",
        () -> k.existing(),
        m -> m.backupKey(k.existing()),
        a -> a.backupKey(k.existing()));
    forbidden(
        cases,
        "restoreKey",
        () -> null,
        m -> m.restoreKeyBackup(k.deletedBackup()),
        a -> a.restoreKeyBackup(k.deletedBackup()));
    forbidden(
        cases,
        "rotateKey",
        () -> k.existing(),
        m -> m.rotateKey(k.existing()),
        a -> a.rotateKey(k.existing()));
    forbidden(
        cases,
        "updateRotationPolicy",
        () -> k.existing(),
        m -> m.updateKeyRotationPolicy(k.existing(), policy),
        a -> a.updateKeyRotationPolicy(k.existing(), policy));
    forbidden(
        cases,
        "release",
        () -> k.disabled(),
        m -> m.releaseKey(k.disabled(), null, k.target(), release),
        a -> a.releaseKey(k.disabled(), null, k.target(), release));

    // Disabled and k.expired() keys cannot be released.
    cases.add(
        new Case(
            "release of a k.disabled() key",
            Who.ADMIN,
            "release",
            () -> k.disabled(),
            403,
            "Forbidden",
            "KeyDisabled",
            m -> m.releaseKey(k.disabled(), null, k.target(), release),
            a -> a.releaseKey(k.disabled(), null, k.target(), release)));
    cases.add(
        new Case(
            "release of an k.expired() key",
            Who.ADMIN,
            "release",
            () -> k.expired(),
            403,
            "Forbidden",
            "KeyExpired",
            m -> m.releaseKey(k.expired(), null, k.target(), release),
            a -> a.releaseKey(k.expired(), null, k.target(), release)));
    return cases;
  }

  private static void missing(
      Keys k,
      List<Case> cases,
      String operation,
      Function<KeyVaultManager, Object> sync,
      Function<KeyVaultAsyncManager, CompletableFuture<?>> async) {
    cases.add(
        new Case(
            operation + " of a missing key",
            Who.ADMIN,
            operation,
            () -> k.absent(),
            404,
            "KeyNotFound",
            null,
            sync,
            async));
  }

  private static void softDeleted(
      Keys k,
      List<Case> cases,
      String operation,
      String method,
      Function<KeyVaultManager, Object> sync,
      Function<KeyVaultAsyncManager, CompletableFuture<?>> async) {
    cases.add(
        new Case(
            method + " on a soft-k.deleted() name",
            Who.ADMIN,
            operation,
            () -> k.deleted(),
            409,
            "Conflict",
            "ObjectIsDeletedButRecoverable",
            sync,
            async));
  }

  private static void forbidden(
      List<Case> cases,
      String operation,
      java.util.function.Supplier<String> key,
      Function<KeyVaultManager, Object> sync,
      Function<KeyVaultAsyncManager, CompletableFuture<?>> async) {
    cases.add(
        new Case(
            operation + " as Key Vault Reader",
            Who.READER,
            operation,
            key,
            403,
            "Forbidden",
            "ForbiddenByRbac",
            sync,
            async));
  }
}
