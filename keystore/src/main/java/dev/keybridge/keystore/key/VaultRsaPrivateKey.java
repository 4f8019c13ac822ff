package dev.keybridge.keystore.key;

import dev.keybridge.management.crypto.VaultCrypto;
import java.math.BigInteger;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.List;

/**
 * An RSA private key held in the vault. Implements {@link RSAKey} so that key-size checks (JSSE,
 * jarsigner) see the modulus; it is deliberately not an {@code RSAPrivateKey}, which would have to
 * expose the private exponent.
 */
public final class VaultRsaPrivateKey extends VaultKeyHandle implements VaultPrivateKey, RSAKey {
  private static final long serialVersionUID = 1L;

  private final RSAPublicKey publicKey;

  private VaultRsaPrivateKey(KeyIdentity identity, RSAPublicKey publicKey) {
    super(identity);
    this.publicKey = publicKey;
  }

  /**
   * Creates a handle.
   *
   * @param keyId versioned key identifier
   * @param keyType RSA or RSA-HSM
   * @param keyOperations the key's allowed operations
   * @param publicKey the key's public half, as the vault returned it
   * @param crypto how to reach the vault
   */
  public static VaultRsaPrivateKey of(
      String keyId,
      String keyType,
      List<String> keyOperations,
      RSAPublicKey publicKey,
      VaultCrypto crypto) {
    return new VaultRsaPrivateKey(KeyIdentity.of(keyId, keyType, keyOperations, crypto), publicKey);
  }

  @Override
  public String getAlgorithm() {
    return "RSA";
  }

  @Override
  public BigInteger getModulus() {
    return publicKey.getModulus();
  }

  /**
   * The key's parameters: those of its public half (null for a plain RSA key). Declared here
   * because from JDK 22 on {@code PrivateKey} extends {@code AsymmetricKey}, whose default {@code
   * getParams()} conflicts with {@link RSAKey}'s: a class implementing both must choose, or the JVM
   * throws {@code IncompatibleClassChangeError} at the first call.
   */
  @Override
  public AlgorithmParameterSpec getParams() {
    return publicKey.getParams();
  }

  @Override
  public RSAPublicKey publicKey() {
    return publicKey;
  }

  @Override
  String describe() {
    return "RSA " + publicKey.getModulus().bitLength() + "-bit";
  }
}
