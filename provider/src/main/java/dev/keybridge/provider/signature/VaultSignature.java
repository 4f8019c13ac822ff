package dev.keybridge.provider.signature;

import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.management.KeyVaultException;
import java.nio.ByteBuffer;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;

/**
 * Common life cycle of keybridge's signature SPIs. Signing hashes the message locally and sends
 * only the digest to the vault: exactly one request per {@code sign()}. Verification runs entirely
 * in a JDK provider with the given public key (or a handle's cached public key): no request.
 *
 * <p>Like every JCA {@code Signature}, an instance is not thread-safe; the key handles are.
 */
abstract class VaultSignature extends SignatureSpi {
  private final String algorithm;
  private VaultPrivateKey signingKey;
  private MessageDigest digest;
  private Signature verifier;

  VaultSignature(String algorithm) {
    this.algorithm = algorithm;
  }

  /** The JCA algorithm name, for messages. */
  final String algorithm() {
    return algorithm;
  }

  /** The hash to use now, or null while it is not known yet (RSASSA-PSS without parameters). */
  abstract SignatureHash hash();

  /** The handle type this algorithm signs with. */
  abstract Class<? extends VaultPrivateKey> keyType();

  /** Checks that key can sign with this algorithm; throws a precise InvalidKeyException if not. */
  abstract void checkSigningKey(VaultPrivateKey key) throws InvalidKeyException;

  /** The Key Vault algorithm (RS256, PS384, ES256K, ...) for key; called after checkSigningKey. */
  abstract String vaultAlgorithm(VaultPrivateKey key);

  /**
   * The digest to send for key: the hash value itself, unless the algorithm must fit it to what the
   * vault's algorithm takes (ECDSA with a hash that is not the curve's).
   */
  byte[] vaultDigest(byte[] hashValue, VaultPrivateKey key) {
    return hashValue;
  }

  /** Checks the vault's raw signature (length) and converts it into this algorithm's format. */
  abstract byte[] toJcaSignature(byte[] vaultSignature, VaultPrivateKey key)
      throws SignatureException;

  /** A JDK verifier for key, initialised and configured with the current parameters. */
  abstract Signature newVerifier(PublicKey key) throws InvalidKeyException;

  /** The active verifier, or null when signing: parameter changes must reach it. */
  final Signature verifier() {
    return verifier;
  }

  /** The signing key, or null when verifying. */
  final VaultPrivateKey signingKey() {
    return signingKey;
  }

  /** Forgets the running digest (new parameters or new init). */
  final void resetDigest() {
    digest = null;
  }

  @Override
  protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
    VaultPrivateKey vaultKey = SigningKeys.require(key, keyType(), algorithm);
    checkSigningKey(vaultKey);
    signingKey = vaultKey;
    verifier = null;
    resetDigest();
  }

  @Override
  protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
    if (key == null) {
      throw new InvalidKeyException(algorithm + ": the verification key is null");
    }
    verifier = newVerifier(key);
    signingKey = null;
    resetDigest();
  }

  @Override
  protected void engineUpdate(byte b) throws SignatureException {
    if (signingKey != null) {
      runningDigest().update(b);
    } else {
      initializedVerifier().update(b);
    }
  }

  @Override
  protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
    if (signingKey != null) {
      runningDigest().update(b, off, len);
    } else {
      initializedVerifier().update(b, off, len);
    }
  }

  @Override
  protected void engineUpdate(ByteBuffer input) {
    try {
      if (signingKey != null) {
        runningDigest().update(input);
      } else {
        initializedVerifier().update(input);
      }
    } catch (SignatureException e) {
      // SignatureSpi.engineUpdate(ByteBuffer) declares no checked exception; the JDK does the same.
      throw new ProviderException(e.getMessage(), e);
    }
  }

  @Override
  protected byte[] engineSign() throws SignatureException {
    if (signingKey == null) {
      throw new SignatureException(algorithm + " is not initialised for signing");
    }
    byte[] hashValue = vaultDigest(runningDigest().digest(), signingKey);
    String vaultAlgorithm = vaultAlgorithm(signingKey);
    byte[] vaultSignature;
    try {
      vaultSignature = signingKey.crypto().sign(signingKey.keyId(), vaultAlgorithm, hashValue);
    } catch (KeyVaultException e) {
      throw new SignatureException(
          algorithm
              + " ("
              + vaultAlgorithm
              + ") with vault key "
              + signingKey.keyId()
              + ": "
              + e.getMessage(),
          e);
    }
    if (vaultSignature == null || vaultSignature.length == 0) {
      throw new SignatureException(
          algorithm + ": the vault returned no signature for key " + signingKey.keyId());
    }
    return toJcaSignature(vaultSignature, signingKey);
  }

  @Override
  protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
    return initializedVerifier().verify(sigBytes);
  }

  @Override
  protected void engineSetParameter(AlgorithmParameterSpec params)
      throws InvalidAlgorithmParameterException {
    if (params != null) {
      throw new InvalidAlgorithmParameterException(
          algorithm + " takes no parameters, got " + params.getClass().getName());
    }
  }

  @Override
  @Deprecated
  protected void engineSetParameter(String param, Object value) {
    throw new InvalidParameterException(
        algorithm
            + ": string parameters are not supported; use setParameter(AlgorithmParameterSpec)");
  }

  @Override
  @Deprecated
  protected Object engineGetParameter(String param) {
    throw new InvalidParameterException(
        algorithm + ": string parameters are not supported; use getParameters()");
  }

  private MessageDigest runningDigest() throws SignatureException {
    if (digest == null) {
      SignatureHash hash = hash();
      if (hash == null) {
        throw new SignatureException(
            algorithm + " needs its parameters (setParameter(PSSParameterSpec)) before data");
      }
      digest = hash.newDigest();
    }
    return digest;
  }

  private Signature initializedVerifier() throws SignatureException {
    if (verifier == null) {
      throw new SignatureException(algorithm + " is not initialised");
    }
    return verifier;
  }
}
