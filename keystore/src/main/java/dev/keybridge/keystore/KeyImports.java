package dev.keybridge.keystore;

import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyType;
import dev.keybridge.keystore.key.VaultKey;
import dev.keybridge.management.keys.VaultCurve;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.SecretKey;

/**
 * Turns software keys handed to {@code setKeyEntry} into what Key Vault imports: a JSON web key
 * with the private parts, or a PKCS#12 of key and chain. Local only; the key material goes nowhere
 * but into the returned object, and no message here contains it.
 */
final class KeyImports {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private KeyImports() {}

  /**
   * The JSON web key to import for {@code key}: RSA (with CRT parameters), EC (P-256, P-384, P-521,
   * P-256K; public point computed from the scalar) or AES (oct, 128/192/256 bits).
   *
   * @throws KeyStoreException naming why the key cannot be imported
   */
  static JsonWebKey toJsonWebKey(String alias, Key key) throws KeyStoreException {
    if (key instanceof VaultKey vaultKey) {
      throw new KeyStoreException(
          "Cannot store "
              + vaultKey
              + " under '"
              + alias
              + "': it already lives in the vault and its material cannot be exported; use its"
              + " own alias '"
              + vaultKey.name()
              + "'");
    }
    if (key instanceof RSAPrivateKey rsa) {
      return rsaJwk(alias, rsa);
    }
    if (key instanceof ECPrivateKey ec) {
      return ecJwk(alias, ec);
    }
    if (key instanceof SecretKey secret) {
      return aesJwk(alias, secret);
    }
    throw new KeyStoreException(
        "Cannot import key '"
            + alias
            + "': Key Vault imports RSA and EC private keys and AES secret keys; got "
            + key.getAlgorithm()
            + " ("
            + key.getClass().getName()
            + ")");
  }

  /** Size in bits of an AES key about to be imported. */
  static int aesKeySize(SecretKey key) {
    byte[] encoded = key.getEncoded();
    int bits = encoded == null ? 0 : encoded.length * 8;
    if (encoded != null) {
      Arrays.fill(encoded, (byte) 0);
    }
    return bits;
  }

  private static JsonWebKey rsaJwk(String alias, RSAPrivateKey key) throws KeyStoreException {
    RSAPrivateCrtKey crt = key instanceof RSAPrivateCrtKey c ? c : toCrt(alias, key);
    return new JsonWebKey()
        .setKeyType(KeyType.RSA)
        .setN(unsigned(crt.getModulus()))
        .setE(unsigned(crt.getPublicExponent()))
        .setD(unsigned(crt.getPrivateExponent()))
        .setP(unsigned(crt.getPrimeP()))
        .setQ(unsigned(crt.getPrimeQ()))
        .setDp(unsigned(crt.getPrimeExponentP()))
        .setDq(unsigned(crt.getPrimeExponentQ()))
        .setQi(unsigned(crt.getCrtCoefficient()));
  }

  private static RSAPrivateCrtKey toCrt(String alias, RSAPrivateKey key) throws KeyStoreException {
    byte[] encoded = key.getEncoded();
    if (encoded != null && "PKCS#8".equalsIgnoreCase(key.getFormat())) {
      try {
        PrivateKey decoded =
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        if (decoded instanceof RSAPrivateCrtKey crt) {
          return crt;
        }
      } catch (GeneralSecurityException e) {
        // Falls through to the refusal below.
      } finally {
        Arrays.fill(encoded, (byte) 0);
      }
    }
    throw new KeyStoreException(
        "Cannot import RSA key '"
            + alias
            + "': Key Vault needs the CRT form (p, q, dp, dq, qi), which this "
            + key.getClass().getName()
            + " does not expose");
  }

  private static JsonWebKey ecJwk(String alias, ECPrivateKey key) throws KeyStoreException {
    VaultCurve curve = curveOf(alias, key);
    ECPoint q = curve.publicPoint(key.getS());
    int size = curve.fieldBytes();
    return new JsonWebKey()
        .setKeyType(KeyType.EC)
        .setCurveName(KeyCurveName.fromString(curve.vaultName()))
        .setX(fixed(q.getAffineX(), size))
        .setY(fixed(q.getAffineY(), size))
        .setD(fixed(key.getS(), size));
  }

  private static VaultCurve curveOf(String alias, ECPrivateKey key) throws KeyStoreException {
    return VaultCurve.of(key.getParams())
        .orElseThrow(
            () ->
                new KeyStoreException(
                    "Cannot import EC key '"
                        + alias
                        + "': its curve is none of Key Vault's P-256, P-384, P-521, P-256K"));
  }

  private static JsonWebKey aesJwk(String alias, SecretKey key) throws KeyStoreException {
    String algorithm = key.getAlgorithm() == null ? "" : key.getAlgorithm();
    if (!algorithm.toUpperCase(Locale.ROOT).startsWith("AES")) {
      throw new KeyStoreException(
          "Cannot import secret key '"
              + alias
              + "': Key Vault (Managed HSM) imports only AES keys; got "
              + algorithm);
    }
    byte[] material = key.getEncoded();
    if (material == null || !"RAW".equalsIgnoreCase(key.getFormat())) {
      throw new KeyStoreException(
          "Cannot import AES key '" + alias + "': its material is not extractable (RAW)");
    }
    if (material.length != 16 && material.length != 24 && material.length != 32) {
      int bits = material.length * 8;
      Arrays.fill(material, (byte) 0);
      throw new KeyStoreException(
          "Cannot import AES key '" + alias + "': size must be 128, 192 or 256 bits, not " + bits);
    }
    return new JsonWebKey().setKeyType(KeyType.OCT).setK(material);
  }

  /**
   * Checks that the chain's first certificate certifies {@code key}.
   *
   * @throws KeyStoreException if it does not, or the chain is not X.509
   */
  static X509Certificate[] checkChain(String alias, PrivateKey key, Certificate[] chain)
      throws KeyStoreException {
    X509Certificate[] x509 = new X509Certificate[chain.length];
    for (int i = 0; i < chain.length; i++) {
      if (!(chain[i] instanceof X509Certificate certificate)) {
        throw new KeyStoreException(
            "Cannot import '" + alias + "': certificate " + i + " of the chain is not X.509");
      }
      x509[i] = certificate;
    }
    PublicKey leafKey = x509[0].getPublicKey();
    boolean matches;
    if (key instanceof RSAPrivateKey rsa && leafKey instanceof RSAPublicKey rsaPublic) {
      matches = rsa.getModulus().equals(rsaPublic.getModulus());
    } else if (key instanceof ECPrivateKey ec && leafKey instanceof ECPublicKey ecPublic) {
      VaultCurve curve = curveOf(alias, ec);
      matches = curve.publicPoint(ec.getS()).equals(ecPublic.getW());
    } else {
      matches = false;
    }
    if (!matches) {
      throw new KeyStoreException(
          "Cannot import '"
              + alias
              + "': the chain's first certificate ("
              + x509[0].getSubjectX500Principal()
              + ") is not for this "
              + key.getAlgorithm()
              + " private key");
    }
    return x509;
  }

  /** A PKCS#12 holding the key and its chain, protected by {@code password}. */
  static byte[] pkcs12(PrivateKey key, X509Certificate[] chain, char[] password)
      throws KeyStoreException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", key, password, chain);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, password);
      return out.toByteArray();
    } catch (IOException | GeneralSecurityException e) {
      throw new KeyStoreException("Cannot build the PKCS#12 to import: " + e.getMessage(), e);
    }
  }

  /** A random one-time password for the PKCS#12 sent to the vault. */
  static char[] oneTimePassword() {
    char[] password = new char[24];
    for (int i = 0; i < password.length; i++) {
      password[i] = PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)];
    }
    return password;
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      return Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return bytes;
  }

  private static byte[] fixed(BigInteger value, int size) {
    byte[] bytes = unsigned(value);
    if (bytes.length == size) {
      return bytes;
    }
    byte[] padded = new byte[size];
    System.arraycopy(bytes, 0, padded, size - bytes.length, bytes.length);
    return padded;
  }
}
