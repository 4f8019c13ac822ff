package dev.keybridge.cli.keys;

import dev.keybridge.cli.CliException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads an unencrypted private key from PEM ({@code PRIVATE KEY}, {@code RSA PRIVATE KEY}, {@code
 * EC PRIVATE KEY}) and completes it into a key pair (the vault needs the public half too).
 */
final class PrivateKeyFiles {
  private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

  private PrivateKeyFiles() {}

  /**
   * The key pair in {@code file}.
   *
   * @throws CliException (exit 4) when the file is unreadable, encrypted or holds no private key
   */
  static KeyPair read(Path file) {
    Object parsed;
    try (Reader reader = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(reader)) {
      parsed = parser.readObject();
    } catch (IOException e) {
      throw CliException.file("read", file, e);
    }
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BOUNCY_CASTLE);
    try {
      if (parsed instanceof PEMKeyPair pair) {
        return toJdk(converter.getKeyPair(pair));
      }
      if (parsed instanceof PrivateKeyInfo info) {
        return toJdk(complete(converter.getPrivateKey(info)));
      }
    } catch (IOException | GeneralSecurityException e) {
      throw CliException.file("cannot use the private key in " + file + ": " + e.getMessage(), e);
    }
    throw CliException.file(
        file
            + " holds no unencrypted private key (expected PEM 'PRIVATE KEY', 'RSA PRIVATE KEY' or"
            + " 'EC PRIVATE KEY'; decrypt it first, e.g. openssl pkcs8 -nocrypt)",
        null);
  }

  private static KeyPair complete(PrivateKey privateKey) throws GeneralSecurityException {
    if (privateKey instanceof RSAPrivateCrtKey rsa) {
      PublicKey publicKey =
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      return new KeyPair(publicKey, privateKey);
    }
    if (privateKey instanceof ECPrivateKey ec) {
      BigInteger d = ec.getD();
      org.bouncycastle.math.ec.ECPoint q = ec.getParameters().getG().multiply(d).normalize();
      PublicKey publicKey =
          KeyFactory.getInstance("EC", BOUNCY_CASTLE)
              .generatePublic(new ECPublicKeySpec(q, ec.getParameters()));
      return new KeyPair(publicKey, privateKey);
    }
    throw new GeneralSecurityException(
        "unsupported private key type " + privateKey.getAlgorithm() + " (RSA with CRT or EC)");
  }

  /** Re-encodes BC keys as JDK keys where the JDK supports the curve (all but secp256k1). */
  private static KeyPair toJdk(KeyPair pair) throws GeneralSecurityException {
    String algorithm = pair.getPrivate().getAlgorithm().startsWith("EC") ? "EC" : "RSA";
    try {
      KeyFactory jdk = KeyFactory.getInstance(algorithm);
      PublicKey publicKey =
          jdk.generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
      PrivateKey privateKey =
          jdk.generatePrivate(
              new java.security.spec.PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
      return new KeyPair(publicKey, privateKey);
    } catch (GeneralSecurityException e) {
      return pair;
    }
  }
}
