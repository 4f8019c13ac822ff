package dev.keybridge.cli.doctor;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.KeyVaultErrors;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.crypto.VaultCrypto;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.crypto.Cipher;

/**
 * Tries harmless operations on one key and reports, per operation, whether the identity may perform
 * it: get; sign a zero digest; decrypt and unwrap what was encrypted/wrapped locally with the
 * public key; wrap a zero key; for AES keys encrypt and decrypt a zero block. Nothing is created,
 * changed or deleted.
 */
final class KeyPermissionChecks {
  private static final Set<String> DENIAL_INNER_CODES =
      Set.of("ForbiddenByRbac", "ForbiddenByPolicy", "AccessDenied");

  private final KeyVaultClients clients;
  private final RoleAdvice.Target target;
  private final String clientId;
  private final String keyName;
  private final List<CheckResult> results = new ArrayList<>();
  private KeyVaultKey key;

  KeyPermissionChecks(
      KeyVaultClients clients, RoleAdvice.Target target, String clientId, String keyName) {
    this.clients = clients;
    this.target = target;
    this.clientId = clientId;
    this.keyName = keyName;
  }

  /** Runs every check that applies to the key's type. */
  List<CheckResult> run() {
    try {
      key = clients.keys().getKey(keyName);
      results.add(
          CheckResult.ok(
              "get",
              "key "
                  + keyName
                  + " ("
                  + key.getKeyType()
                  + ", version "
                  + key.getProperties().getVersion()
                  + ")"));
    } catch (RuntimeException e) {
      KeyVaultException error = KeyVaultErrors.translate(e, "getKey", keyName);
      if ("KeyNotFound".equals(error.errorCode())) {
        results.add(
            CheckResult.failed(
                "get",
                "there is no key named " + keyName + " in this vault",
                error.errorCode(),
                "check the name ('keybridge keys list'); a deleted key shows in 'keybridge keys"
                    + " deleted' and comes back with 'keybridge keys recover "
                    + keyName
                    + "'"));
      } else {
        results.add(outcome("get", error));
      }
      results.add(
          CheckResult.skipped(
              "crypto", "the key type is unknown without get; other operations not tried"));
      return results;
    }
    keyState();
    VaultCrypto crypto = clients.crypto();
    String kid = key.getId();
    KeyType type = key.getKeyType();
    if (type == KeyType.RSA || type == KeyType.RSA_HSM) {
      attempt("sign", () -> crypto.sign(kid, "RS256", new byte[32]));
      PublicKey publicKey =
          dev.keybridge.management.keys.KeyBundle.of(key).publicKey().orElseThrow();
      byte[] secret = new byte[32];
      attempt(
          "decrypt",
          () -> expect(crypto.decrypt(kid, "RSA-OAEP", oaep(publicKey, secret)), secret));
      attempt("wrapKey", () -> crypto.wrapKey(kid, "RSA-OAEP", secret));
      attempt(
          "unwrapKey",
          () -> expect(crypto.unwrapKey(kid, "RSA-OAEP", oaep(publicKey, secret)), secret));
    } else if (type == KeyType.EC || type == KeyType.EC_HSM) {
      KeyCurveName curve = key.getKey().getCurveName();
      String algorithm = signatureAlgorithm(curve);
      attempt("sign", () -> crypto.sign(kid, algorithm, new byte[digestLength(algorithm)]));
    } else {
      byte[] block = new byte[32];
      // the vault never tells an AES key's size: try the algorithms of each size
      attempt(
          "encrypt",
          () ->
              firstAccepted(
                  List.of("A256GCM", "A128GCM", "A192GCM"),
                  alg -> crypto.encrypt(kid, alg, block, null, null)));
      attempt(
          "wrapKey",
          () ->
              firstAccepted(
                  List.of("A256KW", "A128KW", "A192KW"), alg -> crypto.wrapKey(kid, alg, block)));
    }
    return results;
  }

  private void keyState() {
    Boolean enabled = key.getProperties().isEnabled();
    if (Boolean.FALSE.equals(enabled)) {
      results.add(
          CheckResult.warning(
              "state",
              "key " + keyName + " is disabled: the vault refuses every operation with it",
              "enable it: keybridge keys update " + keyName + " --enable"));
    }
    OffsetDateTime expires = key.getProperties().getExpiresOn();
    if (expires != null && expires.isBefore(OffsetDateTime.now())) {
      results.add(
          CheckResult.warning(
              "state",
              "key " + keyName + " expired on " + expires,
              "rotate it (keybridge keys rotate "
                  + keyName
                  + ") or extend it (keybridge keys update "
                  + keyName
                  + " --expires ...)"));
    }
    OffsetDateTime notBefore = key.getProperties().getNotBefore();
    if (notBefore != null && notBefore.isAfter(OffsetDateTime.now())) {
      results.add(
          CheckResult.warning(
              "state", "key " + keyName + " is not valid before " + notBefore, null));
    }
  }

  private interface Attempt {
    Object run() throws GeneralSecurityException;
  }

  private void attempt(String operation, Attempt attempt) {
    try {
      attempt.run();
      results.add(CheckResult.ok(operation, "allowed"));
    } catch (GeneralSecurityException e) {
      results.add(
          CheckResult.failed(operation, "local step failed: " + e.getMessage(), null, null));
    } catch (RuntimeException e) {
      results.add(outcome(operation, KeyVaultErrors.translate(e, operation, keyName)));
    }
  }

  private CheckResult outcome(String operation, KeyVaultException error) {
    String code =
        error.errorCode() + (error.innerErrorCode() == null ? "" : "/" + error.innerErrorCode());
    if ("Forbidden".equals(error.errorCode())
        && (error.innerErrorCode() == null
            || DENIAL_INNER_CODES.contains(error.innerErrorCode()))) {
      return CheckResult.denied(
          operation,
          "the identity may not " + operation + " this key",
          code,
          RoleAdvice.fix(operation, target, clientId, keyName));
    }
    if ("KeyDisabled".equals(error.innerErrorCode())) {
      return CheckResult.failed(
          operation, "the key is disabled", code, "keybridge keys update " + keyName + " --enable");
    }
    if (key != null && !permits(operation)) {
      return CheckResult.failed(
          operation,
          "the key's permitted operations ("
              + key.getKeyOperations()
              + ") do not include "
              + operation,
          code,
          "allow it: keybridge keys update " + keyName + " --ops ...," + operation);
    }
    return CheckResult.failed(operation, firstSentence(error.getMessage()), code, null);
  }

  private boolean permits(String operation) {
    List<KeyOperation> operations = key.getKeyOperations();
    return operations == null
        || operations.isEmpty()
        || operations.stream().anyMatch(o -> o.toString().equalsIgnoreCase(operation));
  }

  /** Runs {@code call} with each algorithm until one is not refused as a bad parameter. */
  private Object firstAccepted(
      List<String> algorithms, java.util.function.Function<String, Object> call) {
    RuntimeException last = null;
    for (String algorithm : algorithms) {
      try {
        return call.apply(algorithm);
      } catch (RuntimeException e) {
        KeyVaultException error = KeyVaultErrors.translate(e, "encrypt", keyName);
        if (!"BadParameter".equals(error.errorCode())) {
          throw error;
        }
        last = error;
      }
    }
    throw last;
  }

  private static byte[] oaep(PublicKey publicKey, byte[] plaintext)
      throws GeneralSecurityException {
    // RSA-OAEP in Key Vault is OAEP with SHA-1 and MGF1-SHA-1
    Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    cipher.init(Cipher.ENCRYPT_MODE, publicKey);
    return cipher.doFinal(plaintext);
  }

  private static byte[] expect(byte[] actual, byte[] expected) throws GeneralSecurityException {
    if (!Arrays.equals(actual, expected)) {
      throw new GeneralSecurityException("the vault returned different bytes than were sealed");
    }
    return actual;
  }

  private static String signatureAlgorithm(KeyCurveName curve) {
    if (KeyCurveName.P_384.equals(curve)) {
      return "ES384";
    }
    if (KeyCurveName.P_521.equals(curve)) {
      return "ES512";
    }
    if (KeyCurveName.P_256K.equals(curve)) {
      return "ES256K";
    }
    return "ES256";
  }

  private static int digestLength(String algorithm) {
    return switch (algorithm) {
      case "ES384" -> 48;
      case "ES512" -> 64;
      default -> 32;
    };
  }

  private static String firstSentence(String message) {
    String line = message == null ? "" : message.replaceAll("\\s+", " ").trim();
    return line.length() > 240 ? line.substring(0, 240) + "..." : line;
  }
}
