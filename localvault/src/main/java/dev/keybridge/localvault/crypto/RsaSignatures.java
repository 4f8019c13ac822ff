package dev.keybridge.localvault.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * RS* and PS* over a precomputed digest.
 *
 * <p>RS*: the PKCS#1 v1.5 encoded message {@code 00 01 FF..FF 00 || DigestInfo || digest} is built
 * here and put through the raw RSA operation of SunJCE (CRT, blinding, and a public-key check of
 * the result). Verification encodes the expected message and compares it in constant time with the
 * recovered one (RFC 8017 8.2.2), so no lenient parsing of the DigestInfo can creep in.
 *
 * <p>PS*: Bouncy Castle's PSS signer in raw ("prehash") mode, which takes the digest itself; MGF1
 * uses the same hash and the salt is as long as the hash.
 */
final class RsaSignatures {
  // DER of DigestInfo { AlgorithmIdentifier { oid, NULL }, OCTET STRING (digest) } up to the
  // digest.
  private static final byte[] SHA256_PREFIX = hex("3031300d060960864801650304020105000420");
  private static final byte[] SHA384_PREFIX = hex("3041300d060960864801650304020205000430");
  private static final byte[] SHA512_PREFIX = hex("3051300d060960864801650304020305000440");

  private RsaSignatures() {}

  static byte[] sign(RsaKey key, SignatureAlgorithm alg, byte[] digest) {
    if (alg.scheme() == SignatureAlgorithm.Scheme.PSS) {
      PSSSigner signer = pssSigner(alg);
      signer.init(true, new ParametersWithRandom(key.privateParameters(), JcaProviders.RANDOM));
      signer.update(digest, 0, digest.length);
      try {
        return signer.generateSignature();
      } catch (CryptoException e) {
        throw new IllegalStateException(alg + " signing failed", e);
      }
    }
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding", JcaProviders.SUN_JCE);
      rsa.init(Cipher.ENCRYPT_MODE, key.privateKey());
      return rsa.doFinal(pkcs1Encode(alg, digest, key.modulusBytes()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(alg + " signing failed", e);
    }
  }

  static boolean verify(RsaKey key, SignatureAlgorithm alg, byte[] digest, byte[] signature) {
    if (signature.length != key.modulusBytes()) {
      return false;
    }
    if (alg.scheme() == SignatureAlgorithm.Scheme.PSS) {
      PSSSigner signer = pssSigner(alg);
      signer.init(false, key.publicParameters());
      signer.update(digest, 0, digest.length);
      try {
        return signer.verifySignature(signature);
      } catch (RuntimeException e) {
        // Bouncy Castle reports some malformed signatures (e.g. >= n) by exception.
        return false;
      }
    }
    byte[] recovered;
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding", JcaProviders.SUN_JCE);
      rsa.init(Cipher.ENCRYPT_MODE, key.publicKey());
      recovered = rsa.doFinal(signature);
    } catch (GeneralSecurityException e) {
      // The signature as an integer is not below the modulus.
      return false;
    }
    return MessageDigest.isEqual(recovered, pkcs1Encode(alg, digest, key.modulusBytes()));
  }

  /** EMSA-PKCS1-v1_5 encoding of a digest into {@code k} bytes. */
  private static byte[] pkcs1Encode(SignatureAlgorithm alg, byte[] digest, int k) {
    byte[] prefix =
        switch (alg.digestLength()) {
          case 32 -> SHA256_PREFIX;
          case 48 -> SHA384_PREFIX;
          default -> SHA512_PREFIX;
        };
    byte[] em = new byte[k];
    int tLen = prefix.length + digest.length;
    em[1] = 0x01;
    Arrays.fill(em, 2, k - tLen - 1, (byte) 0xff);
    System.arraycopy(prefix, 0, em, k - tLen, prefix.length);
    System.arraycopy(digest, 0, em, k - digest.length, digest.length);
    return em;
  }

  private static PSSSigner pssSigner(SignatureAlgorithm alg) {
    return PSSSigner.createRawSigner(
        new RSABlindedEngine(),
        newDigest(alg),
        newDigest(alg),
        alg.digestLength(),
        PSSSigner.TRAILER_IMPLICIT);
  }

  private static Digest newDigest(SignatureAlgorithm alg) {
    return switch (alg.digestLength()) {
      case 32 -> new SHA256Digest();
      case 48 -> new SHA384Digest();
      default -> new SHA512Digest();
    };
  }

  private static byte[] hex(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }
}
