package dev.keybridge.provider.keygen;

import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.keystore.key.VaultEcPrivateKey;
import dev.keybridge.management.KeyVaultClients;
import dev.keybridge.management.keys.VaultCurve;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code KeyPairGenerator.getInstance("EC", "KeyBridge")}: creates an EC key in the vault with one
 * request (P-256 by default) and returns the JDK public key and the vault handle. Curves: {@code
 * initialize(256|384|521)}, {@code ECGenParameterSpec("secp256r1"|"secp384r1"|"secp521r1"|
 * "secp256k1")} (Key Vault names P-256, P-384, P-521, P-256K also accepted), an {@link
 * ECParameterSpec} of one of those curves, or a {@link VaultKeyGenParameterSpec}.
 */
final class EcKeyPairGenerator extends KeyPairGeneratorSpi {
  private final Supplier<KeyVaultClients> clients;
  private VaultCurve curve = VaultCurve.P_256;
  private VaultKeyGenParameterSpec spec;

  EcKeyPairGenerator(Supplier<KeyVaultClients> clients) {
    this.clients = clients;
  }

  @Override
  public void initialize(int keysize, SecureRandom random) {
    curve =
        switch (keysize) {
          case 256 -> VaultCurve.P_256;
          case 384 -> VaultCurve.P_384;
          case 521 -> VaultCurve.P_521;
          default ->
              throw new InvalidParameterException(
                  "Key Vault EC keys are 256 (P-256), 384 (P-384) or 521 (P-521) bits, not "
                      + keysize
                      + "; for secp256k1 use ECGenParameterSpec(\"secp256k1\")");
        };
    spec = null;
  }

  @Override
  public void initialize(AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidAlgorithmParameterException {
    if (params instanceof VaultKeyGenParameterSpec vaultSpec) {
      if (vaultSpec.keySize().isPresent()) {
        throw new InvalidAlgorithmParameterException(
            "EC key generation takes a curve, not a keySize");
      }
      curve = vaultSpec.curve().isPresent() ? byName(vaultSpec.curve().get()) : VaultCurve.P_256;
      spec = vaultSpec;
    } else if (params instanceof ECGenParameterSpec named) {
      curve = byName(named.getName());
      spec = null;
    } else if (params instanceof ECParameterSpec explicit) {
      curve =
          VaultCurve.of(explicit)
              .orElseThrow(
                  () ->
                      new InvalidAlgorithmParameterException(
                          "Key Vault has only P-256, P-384, P-521 and P-256K; these domain"
                              + " parameters are none of them"));
      spec = null;
    } else {
      throw new InvalidAlgorithmParameterException(
          "EC key generation in keybridge takes a VaultKeyGenParameterSpec, ECGenParameterSpec or"
              + " ECParameterSpec, not "
              + (params == null ? "null" : params.getClass().getName()));
    }
  }

  /** SEC 2, NIST/X9.62 and Key Vault names of the four curves. */
  static VaultCurve byName(String name) throws InvalidAlgorithmParameterException {
    Optional<VaultCurve> curve = VaultCurve.fromVaultName(name);
    return curve.orElseThrow(
        () ->
            new InvalidAlgorithmParameterException(
                "Key Vault has no curve '"
                    + name
                    + "'; it has secp256r1 (P-256), secp384r1 (P-384), secp521r1 (P-521) and"
                    + " secp256k1 (P-256K)"));
  }

  @Override
  public KeyPair generateKeyPair() {
    String name = KeyCreation.name(spec, "ec-" + curve.vaultName().toLowerCase(Locale.ROOT));
    CreateEcKeyOptions request =
        KeyCreation.options(spec).ecRequest(name, KeyCurveName.fromString(curve.vaultName()));
    VaultEcPrivateKey handle = (VaultEcPrivateKey) KeyCreation.create(clients, "EC", request);
    return new KeyPair(handle.publicKey(), handle);
  }
}
