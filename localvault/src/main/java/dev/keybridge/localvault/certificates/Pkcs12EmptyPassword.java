package dev.keybridge.localvault.certificates;

import java.io.OutputStream;
import java.security.SecureRandom;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.io.CipherOutputStream;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.MacCalculator;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;

/**
 * The PKCS#12 protections keyed by the empty password as Key Vault writes it: the NULL password,
 * zero password bytes, for the MAC, the encrypted certificates and the shrouded key alike. Every
 * reader opens that form: the JDK with {@code ""} (its first try), OpenSSL with {@code -passin
 * pass:} (it retries with NULL), Bouncy Castle's KeyStore with {@code ""}, and readers written
 * against Key Vault such as azure-security-keyvault-jca (Bouncy Castle with {@code "\0"}, which it
 * turns into zero bytes). Built on Bouncy Castle's lightweight API to control those bytes.
 */
final class Pkcs12EmptyPassword {
  static final int ITERATIONS = 2048;

  /** The NULL password: no bytes at all (not even the BMPString terminator). */
  private static final byte[] EMPTY_BMP_PASSWORD = {};

  private static final SecureRandom RANDOM = new SecureRandom();

  private Pkcs12EmptyPassword() {}

  /**
   * Encryption of the key bag and of the certificates' safe contents with {@code
   * pbeWithSHAAnd3-KeyTripleDES-CBC} (RFC 7292 appendix B KDF over the NULL password, fresh salt).
   * Chosen over PBES2 for reach, not strength (the password is empty anyway): the JDK, OpenSSL 3
   * without {@code -legacy}, Windows and Bouncy Castle's KeyStore all open it, while Bouncy Castle
   * refuses PBES2 with an empty password (on writing and on reading), which would break any
   * application that lists Bouncy Castle first among its providers.
   */
  static OutputEncryptor encryptor() {
    byte[] salt = random(20);
    PKCS12ParametersGenerator kdf = new PKCS12ParametersGenerator(new SHA1Digest());
    kdf.init(EMPTY_BMP_PASSWORD, salt, ITERATIONS);
    ParametersWithIV keyAndIv = (ParametersWithIV) kdf.generateDerivedParameters(192, 64);
    AlgorithmIdentifier algorithm =
        new AlgorithmIdentifier(
            PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
            new PKCS12PBEParams(salt, ITERATIONS));
    return new OutputEncryptor() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
      }

      @Override
      public OutputStream getOutputStream(OutputStream out) {
        PaddedBufferedBlockCipher cipher =
            new PaddedBufferedBlockCipher(
                CBCBlockCipher.newInstance(new DESedeEngine()), new PKCS7Padding());
        cipher.init(true, keyAndIv);
        return new CipherOutputStream(out, cipher);
      }

      @Override
      public GenericKey getKey() {
        return new GenericKey(algorithm, ((KeyParameter) keyAndIv.getParameters()).getKey());
      }
    };
  }

  /**
   * The PFX MAC: HMAC-SHA256 keyed by the PKCS#12 KDF over the NULL password. The password argument
   * of {@link PKCS12MacCalculatorBuilder#build} is ignored.
   */
  static PKCS12MacCalculatorBuilder mac() {
    return new PKCS12MacCalculatorBuilder() {
      private final AlgorithmIdentifier sha256 =
          new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);

      @Override
      public AlgorithmIdentifier getDigestAlgorithmIdentifier() {
        return sha256;
      }

      @Override
      public MacCalculator build(char[] ignored) {
        return hmac(random(16));
      }
    };
  }

  private static MacCalculator hmac(byte[] salt) {
    PKCS12ParametersGenerator kdf = new PKCS12ParametersGenerator(new SHA256Digest());
    kdf.init(EMPTY_BMP_PASSWORD, salt, ITERATIONS);
    KeyParameter key = (KeyParameter) kdf.generateDerivedMacParameters(256);
    HMac hmac = new HMac(new SHA256Digest());
    hmac.init(key);
    // Bouncy Castle's MacDataGenerator reads salt and iterations back from these parameters.
    AlgorithmIdentifier algorithm =
        new AlgorithmIdentifier(
            NISTObjectIdentifiers.id_sha256, new PKCS12PBEParams(salt, ITERATIONS));
    return new MacCalculator() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
      }

      @Override
      public OutputStream getOutputStream() {
        return new OutputStream() {
          @Override
          public void write(int b) {
            hmac.update((byte) b);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            hmac.update(bytes, offset, length);
          }
        };
      }

      @Override
      public byte[] getMac() {
        byte[] mac = new byte[hmac.getMacSize()];
        hmac.doFinal(mac, 0);
        return mac;
      }

      @Override
      public GenericKey getKey() {
        return new GenericKey(algorithm, key.getKey());
      }
    };
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
