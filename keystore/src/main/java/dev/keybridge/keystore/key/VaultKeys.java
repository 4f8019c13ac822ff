package dev.keybridge.keystore.key;

import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.management.crypto.VaultCrypto;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeySizes;
import dev.keybridge.management.keys.VaultCurve;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The one place where keys enter keybridge: vault key bundles become handles here, and every SPI
 * checks the key it is given with {@link #require}. Nothing here makes a vault request.
 */
public final class VaultKeys {

  /** The size tag of oct keys: {@link KeySizes#TAG}. */
  public static final String AES_KEY_SIZE_TAG = KeySizes.TAG;

  /** The size taken for an oct key of unknown size: {@link KeySizes#DEFAULT_OCT_BITS}. */
  public static final int DEFAULT_AES_KEY_SIZE = KeySizes.DEFAULT_OCT_BITS;

  private VaultKeys() {}

  /**
   * Makes the handle for a key bundle the SDK returned (get, create, import, rotate).
   *
   * @param key a key bundle with a versioned id and its public parameters
   * @param crypto how the handle reaches the vault
   * @return a {@link VaultRsaPrivateKey}, {@link VaultEcPrivateKey} or {@link VaultSecretKey}
   * @throws InvalidKeyException if the bundle is not a usable key (unknown type or curve, missing
   *     public parameters, unversioned id, tagged with an invalid AES size)
   */
  public static VaultKey fromKeyVaultKey(KeyVaultKey key, VaultCrypto crypto)
      throws InvalidKeyException {
    Objects.requireNonNull(key, "key");
    return fromKeyBundle(KeyBundle.of(key), crypto);
  }

  /**
   * Makes the handle for a key as {@link dev.keybridge.management.crypto.VaultKeyAccess} returns
   * it; an oct key's size is {@link KeyBundle#keySize()} (see {@link KeySizes}).
   *
   * @throws InvalidKeyException as {@link #fromKeyVaultKey}
   */
  public static VaultKey fromKeyBundle(KeyBundle bundle, VaultCrypto crypto)
      throws InvalidKeyException {
    Objects.requireNonNull(bundle, "bundle");
    KeyVaultKey key = bundle.sdkKey();
    if (key.getKey() == null) {
      throw new InvalidKeyException("Key bundle without key for " + key.getId());
    }
    int size;
    try {
      size = bundle.keySize();
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException("Vault key " + key.getId() + " has an " + e.getMessage(), e);
    }
    return fromJsonWebKey(key.getKey(), size, crypto);
  }

  /**
   * Makes the handle for a JSON web key as the vault returns it (public parts and a versioned
   * {@code kid}); oct keys are taken as {@value #DEFAULT_AES_KEY_SIZE}-bit.
   *
   * @throws InvalidKeyException as {@link #fromKeyVaultKey}
   */
  public static VaultKey fromJsonWebKey(JsonWebKey jwk, VaultCrypto crypto)
      throws InvalidKeyException {
    return fromJsonWebKey(jwk, DEFAULT_AES_KEY_SIZE, crypto);
  }

  /**
   * Makes the handle for a JSON web key as the vault returns it.
   *
   * @param aesKeySize the size of an oct key in bits (ignored for RSA and EC)
   * @throws InvalidKeyException as {@link #fromKeyVaultKey}
   */
  public static VaultKey fromJsonWebKey(JsonWebKey jwk, int aesKeySize, VaultCrypto crypto)
      throws InvalidKeyException {
    Objects.requireNonNull(jwk, "jwk");
    Objects.requireNonNull(crypto, "crypto");
    String kid = jwk.getId();
    if (kid == null || jwk.getKeyType() == null) {
      throw new InvalidKeyException("Vault key without kid or kty: " + kid);
    }
    String kty = jwk.getKeyType().toString();
    List<String> ops =
        jwk.getKeyOps() == null
            ? List.of()
            : jwk.getKeyOps().stream().map(KeyOperation::toString).toList();
    try {
      switch (kty) {
        case "RSA", "RSA-HSM" -> {
          if (jwk.getN() == null || jwk.getE() == null) {
            throw new InvalidKeyException("RSA vault key " + kid + " has no modulus or exponent");
          }
          PublicKey publicKey = jwk.toRsa(false).getPublic();
          return VaultRsaPrivateKey.of(kid, kty, ops, (RSAPublicKey) publicKey, crypto);
        }
        case "EC", "EC-HSM" -> {
          String curveName = jwk.getCurveName() == null ? null : jwk.getCurveName().toString();
          VaultCurve curve =
              VaultCurve.fromVaultName(curveName)
                  .orElseThrow(
                      () ->
                          new InvalidKeyException(
                              "EC vault key " + kid + " has unsupported curve " + curveName));
          if (jwk.getX() == null || jwk.getY() == null) {
            throw new InvalidKeyException("EC vault key " + kid + " has no public point");
          }
          ECPublicKey publicKey = curve.publicKey(jwk.getX(), jwk.getY());
          return VaultEcPrivateKey.of(kid, kty, curve.vaultName(), ops, publicKey, crypto);
        }
        case "oct", "oct-HSM" -> {
          return VaultSecretKey.of(kid, kty, aesKeySize, ops, crypto);
        }
        default ->
            throw new InvalidKeyException("Vault key " + kid + " has unsupported type " + kty);
      }
    } catch (InvalidKeyException e) {
      throw e;
    } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
      throw new InvalidKeyException(
          "Vault key " + kid + " (" + kty + ") is not usable: " + e.getMessage(), e);
    }
  }

  /**
   * Checks that {@code key} is a vault key of the type an operation needs and returns it as that
   * type. This is how every keybridge SPI accepts a key: a software key, a vault key of the wrong
   * kind, or null gets an {@link InvalidKeyException} that says what was expected and what was
   * given (class and algorithm only, never key material); never a {@link ClassCastException}.
   *
   * @param key the key handed to {@code init}
   * @param type {@link VaultKey}, {@link VaultPrivateKey}, {@link VaultRsaPrivateKey}, {@link
   *     VaultEcPrivateKey} or {@link VaultSecretKey}
   * @param operation what the key is for, e.g. {@code "SHA256withRSA"}, named in the message
   */
  public static <T extends VaultKey> T require(Key key, Class<T> type, String operation)
      throws InvalidKeyException {
    Objects.requireNonNull(type, "type");
    String expected = describeType(type);
    if (key == null) {
      throw new InvalidKeyException(operation + " needs " + expected + "; the key is null");
    }
    if (!(key instanceof VaultKey vaultKey)) {
      throw new InvalidKeyException(
          operation
              + " needs "
              + expected
              + "; got a software "
              + describeSoftwareKey(key)
              + ". keybridge works only with keys held in the vault: load one from the"
              + " AzureKeyVault KeyStore or generate it with a KeyBridge KeyPairGenerator/KeyGenerator"
              + " (software keys are served by the JDK providers)");
    }
    if (!type.isInstance(key)) {
      throw new InvalidKeyException(
          operation + " needs " + expected + "; got " + vaultKey + ", which cannot do it");
    }
    return type.cast(key);
  }

  /** Words for a handle type, as used in messages. */
  static String describeType(Class<?> type) {
    if (type == VaultRsaPrivateKey.class) {
      return "a vault RSA private key (VaultRsaPrivateKey)";
    }
    if (type == VaultEcPrivateKey.class) {
      return "a vault EC private key (VaultEcPrivateKey)";
    }
    if (type == VaultSecretKey.class) {
      return "a vault AES key (VaultSecretKey)";
    }
    if (type == VaultPrivateKey.class) {
      return "a vault RSA or EC private key (VaultPrivateKey)";
    }
    return "a vault key (" + type.getSimpleName() + ")";
  }

  private static String describeSoftwareKey(Key key) {
    String kind =
        key instanceof PrivateKey
            ? "private key"
            : key instanceof PublicKey
                ? "public key"
                : key instanceof SecretKey ? "secret key" : "key";
    String algorithm = Optional.ofNullable(key.getAlgorithm()).orElse("unknown-algorithm");
    return algorithm + " " + kind + " (" + key.getClass().getName() + ")";
  }
}
