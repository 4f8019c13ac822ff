package dev.keybridge.keystore.key;

import dev.keybridge.management.crypto.VaultCrypto;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.List;

/**
 * An EC private key held in the vault. Implements {@link ECKey} so that curve and key-size checks
 * (JSSE, jarsigner) see the domain parameters; it is not an {@code ECPrivateKey}, which would have
 * to expose the private scalar.
 */
public final class VaultEcPrivateKey extends VaultKeyHandle implements VaultPrivateKey, ECKey {
  private static final long serialVersionUID = 1L;

  private final ECPublicKey publicKey;
  private final String curve;

  private VaultEcPrivateKey(KeyIdentity identity, ECPublicKey publicKey, String curve) {
    super(identity);
    this.publicKey = publicKey;
    this.curve = curve;
  }

  /**
   * Creates a handle.
   *
   * @param keyId versioned key identifier
   * @param keyType EC or EC-HSM
   * @param curve Key Vault curve name: P-256, P-384, P-521 or P-256K
   * @param keyOperations the key's allowed operations
   * @param publicKey the key's public half, as the vault returned it
   * @param crypto how to reach the vault
   */
  public static VaultEcPrivateKey of(
      String keyId,
      String keyType,
      String curve,
      List<String> keyOperations,
      ECPublicKey publicKey,
      VaultCrypto crypto) {
    return new VaultEcPrivateKey(
        KeyIdentity.of(keyId, keyType, keyOperations, crypto), publicKey, curve);
  }

  @Override
  public String getAlgorithm() {
    return "EC";
  }

  @Override
  public ECParameterSpec getParams() {
    return publicKey.getParams();
  }

  /** Key Vault curve name: P-256, P-384, P-521 or P-256K. */
  public String curve() {
    return curve;
  }

  @Override
  public ECPublicKey publicKey() {
    return publicKey;
  }

  @Override
  String describe() {
    return "EC " + curve;
  }
}
