package dev.keybridge.localvault.crypto;

import dev.keybridge.localvault.VaultError;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** A Key Vault algorithm name (JWA) and the keys it applies to. */
interface KeyVaultAlgorithm {
  /** The name on the wire, e.g. {@code RSA-OAEP-256}. */
  String jwaName();

  /** Whether the algorithm may run on this key (type, curve and size). */
  boolean validFor(KeyMaterial key);

  /**
   * The algorithm named {@code alg} among {@code values}, checked against the key.
   *
   * @param operation for the message, e.g. "sign"
   * @throws VaultError badParameter naming the algorithm, the key and the valid choices
   */
  static <A extends KeyVaultAlgorithm> A resolve(
      A[] values, String alg, String operation, KeyMaterial key) {
    if (alg == null || alg.isEmpty()) {
      throw VaultError.badParameter("Algorithm (alg) is required for " + operation);
    }
    for (A candidate : values) {
      if (candidate.jwaName().equals(alg)) {
        if (!candidate.validFor(key)) {
          throw VaultError.badParameter("Algorithm " + alg + " is not valid for " + key.describe());
        }
        return candidate;
      }
    }
    Set<String> valid = validNames(values, key);
    throw VaultError.badParameter(
        "Algorithm "
            + alg
            + " is not a valid "
            + operation
            + " algorithm"
            + (valid.isEmpty()
                ? "; " + key.describe() + " does not support " + operation
                : " for "
                    + key.describe()
                    + " (expected one of "
                    + String.join(", ", valid)
                    + ")"));
  }

  /** The names of the algorithms among {@code values} valid for the key, in declaration order. */
  static Set<String> validNames(KeyVaultAlgorithm[] values, KeyMaterial key) {
    Set<String> names = new LinkedHashSet<>();
    for (KeyVaultAlgorithm candidate : values) {
      if (candidate.validFor(key)) {
        names.add(candidate.jwaName());
      }
    }
    return Collections.unmodifiableSet(names);
  }
}
