package dev.keybridge.provider.cipher;

import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.management.KeyVaultException;
import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import java.util.Locale;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.OAEPParameterSpec;

/**
 * RSA encryption, Key Vault RSA1_5 / RSA-OAEP / RSA-OAEP-256. Decryption and unwrapping run in the
 * vault (one request per {@code doFinal}/{@code unwrap}) with an RSA vault key; encryption and
 * wrapping run locally in SunJCE with the given public key or a handle's cached public key (no
 * request). In keybridge {@code OAEPWithSHA-256AndMGF1Padding} means SHA-256 with MGF1-SHA-256, Key
 * Vault's only SHA-256 OAEP (the JDK's default for that name is MGF1-SHA-1).
 */
abstract class RsaCipher extends CipherSpi {
  private final String transformation;
  private final RsaPadding fixedPadding;
  private RsaPadding padding;
  private int opmode;
  private VaultRsaPrivateKey vaultKey;
  private Cipher local;
  private int modulusBytes;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  /** fixedPadding null: the padding comes from the OAEPParameterSpec (RSA/ECB/OAEPPadding). */
  RsaCipher(String transformation, RsaPadding fixedPadding) {
    this.transformation = transformation;
    this.fixedPadding = fixedPadding;
  }

  @Override
  protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
    if (!mode.equalsIgnoreCase("ECB") && !mode.equalsIgnoreCase("NONE")) {
      throw new NoSuchAlgorithmException(transformation + " has no mode " + mode);
    }
  }

  @Override
  protected void engineSetPadding(String paddingName) throws NoSuchPaddingException {
    String own = transformation.substring(transformation.lastIndexOf('/') + 1);
    boolean sha1Alias =
        own.equalsIgnoreCase("OAEPWithSHA-1AndMGF1Padding")
            && paddingName.equalsIgnoreCase("OAEPWithSHA1AndMGF1Padding");
    if (!paddingName.toUpperCase(Locale.ROOT).equals(own.toUpperCase(Locale.ROOT)) && !sha1Alias) {
      throw new NoSuchPaddingException(transformation + " does not do padding " + paddingName);
    }
  }

  @Override
  protected int engineGetBlockSize() {
    return 0;
  }

  @Override
  protected int engineGetOutputSize(int inputLen) {
    return modulusBytes;
  }

  @Override
  protected byte[] engineGetIV() {
    return null;
  }

  @Override
  protected AlgorithmParameters engineGetParameters() {
    RsaPadding current = padding != null ? padding : fixedPadding;
    if (current == null || current.oaep() == null) {
      return null;
    }
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("OAEP");
      parameters.init(current.oaep());
      return parameters;
    } catch (NoSuchAlgorithmException | InvalidParameterSpecException e) {
      throw new ProviderException("OAEP parameters are not available in this JDK", e);
    }
  }

  @Override
  protected int engineGetKeySize(Key key) throws InvalidKeyException {
    if (key instanceof RSAKey rsaKey) {
      return rsaKey.getModulus().bitLength();
    }
    throw new InvalidKeyException(transformation + " needs an RSA key, not " + key);
  }

  @Override
  protected void engineInit(int mode, Key key, SecureRandom random) throws InvalidKeyException {
    try {
      engineInit(mode, key, (AlgorithmParameterSpec) null, random);
    } catch (InvalidAlgorithmParameterException e) {
      throw new InvalidKeyException(e.getMessage(), e);
    }
  }

  @Override
  protected void engineInit(int mode, Key key, AlgorithmParameters params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    OAEPParameterSpec spec = null;
    if (params != null) {
      try {
        spec = params.getParameterSpec(OAEPParameterSpec.class);
      } catch (InvalidParameterSpecException e) {
        throw new InvalidAlgorithmParameterException(
            transformation + " takes OAEP parameters, got " + params.getAlgorithm(), e);
      }
    }
    engineInit(mode, key, spec, random);
  }

  @Override
  protected void engineInit(int mode, Key key, AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    RsaPadding chosen = choosePadding(params);
    buffer.reset();
    switch (mode) {
      case Cipher.ENCRYPT_MODE, Cipher.WRAP_MODE -> initLocal(mode, key, chosen, random);
      case Cipher.DECRYPT_MODE, Cipher.UNWRAP_MODE -> {
        String operation = mode == Cipher.DECRYPT_MODE ? "decrypt" : "unwrapKey";
        VaultRsaPrivateKey rsaKey =
            CipherKeys.require(key, VaultRsaPrivateKey.class, operation, transformation);
        vaultKey = rsaKey;
        local = null;
        modulusBytes = (rsaKey.getModulus().bitLength() + 7) / 8;
      }
      default -> throw new InvalidKeyException(transformation + ": unknown opmode " + mode);
    }
    padding = chosen;
    opmode = mode;
  }

  private RsaPadding choosePadding(AlgorithmParameterSpec params)
      throws InvalidAlgorithmParameterException {
    if (params == null) {
      return fixedPadding != null ? fixedPadding : RsaPadding.RSA_OAEP;
    }
    if (!(params instanceof OAEPParameterSpec oaep) || fixedPadding == RsaPadding.RSA1_5) {
      throw new InvalidAlgorithmParameterException(
          transformation
              + (fixedPadding == RsaPadding.RSA1_5
                  ? " takes no parameters"
                  : " takes an OAEPParameterSpec")
              + ", got "
              + params.getClass().getName());
    }
    RsaPadding requested = RsaPadding.fromOaep(oaep, transformation);
    if (fixedPadding != null && requested != fixedPadding) {
      throw new InvalidAlgorithmParameterException(
          transformation
              + " is Key Vault "
              + fixedPadding.vaultAlgorithm()
              + "; the OAEPParameterSpec describes "
              + requested.vaultAlgorithm()
              + ": use RSA/ECB/OAEPPadding with it, or no parameters");
    }
    return requested;
  }

  private void initLocal(int mode, Key key, RsaPadding chosen, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    RSAPublicKey publicKey;
    if (key instanceof RSAPublicKey rsaPublic) {
      publicKey = rsaPublic;
    } else if (key instanceof VaultRsaPrivateKey handle) {
      // Key Vault's encrypt/wrap on an RSA key is the public-key operation: do it here.
      publicKey = handle.publicKey();
    } else {
      throw new InvalidKeyException(
          transformation
              + " encrypts with an RSA public key or an RSA vault key handle, not "
              + (key == null ? "null" : key.getClass().getName()));
    }
    Provider sunJce = Security.getProvider("SunJCE");
    if (sunJce == null) {
      throw new ProviderException("SunJCE is not installed; keybridge encrypts locally with it");
    }
    try {
      local =
          Cipher.getInstance(
              chosen == RsaPadding.RSA1_5 ? "RSA/ECB/PKCS1Padding" : "RSA/ECB/OAEPPadding", sunJce);
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      throw new ProviderException("SunJCE lacks RSA " + chosen.vaultAlgorithm(), e);
    }
    local.init(mode, publicKey, chosen.oaep(), random);
    vaultKey = null;
    modulusBytes = (publicKey.getModulus().bitLength() + 7) / 8;
  }

  @Override
  protected byte[] engineUpdate(byte[] input, int offset, int len) {
    if (local != null) {
      byte[] out = local.update(input, offset, len);
      return out == null ? new byte[0] : out;
    }
    requireDecrypting();
    buffer.write(input, offset, len);
    return new byte[0];
  }

  @Override
  protected int engineUpdate(byte[] input, int offset, int len, byte[] output, int outOffset)
      throws ShortBufferException {
    if (local != null) {
      return local.update(input, offset, len, output, outOffset);
    }
    requireDecrypting();
    buffer.write(input, offset, len);
    return 0;
  }

  @Override
  protected byte[] engineDoFinal(byte[] input, int offset, int len)
      throws IllegalBlockSizeException, BadPaddingException {
    if (local != null) {
      return local.doFinal(input, offset, len);
    }
    requireDecrypting();
    if (input != null) {
      buffer.write(input, offset, len);
    }
    byte[] ciphertext = buffer.toByteArray();
    buffer.reset();
    if (ciphertext.length > modulusBytes) {
      throw new IllegalBlockSizeException(
          transformation
              + ": the ciphertext is "
              + ciphertext.length
              + " bytes; a "
              + modulusBytes * 8
              + "-bit key decrypts at most "
              + modulusBytes);
    }
    try {
      return vaultKey.crypto().decrypt(vaultKey.keyId(), padding.vaultAlgorithm(), ciphertext);
    } catch (KeyVaultException e) {
      throw CipherFailures.decryptFailure(transformation, padding.vaultAlgorithm(), vaultKey, e);
    }
  }

  @Override
  protected int engineDoFinal(byte[] input, int offset, int len, byte[] output, int outOffset)
      throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
    if (local != null) {
      return local.doFinal(input, offset, len, output, outOffset);
    }
    if (output.length - outOffset < modulusBytes) {
      throw new ShortBufferException(
          transformation + " needs " + modulusBytes + " bytes of output space");
    }
    byte[] plaintext = engineDoFinal(input, offset, len);
    System.arraycopy(plaintext, 0, output, outOffset, plaintext.length);
    return plaintext.length;
  }

  @Override
  protected byte[] engineWrap(Key key) throws IllegalBlockSizeException, InvalidKeyException {
    if (opmode != Cipher.WRAP_MODE || local == null) {
      throw new IllegalStateException(transformation + " is not initialised for WRAP_MODE");
    }
    if (key == null || key.getEncoded() == null) {
      throw new InvalidKeyException(
          transformation + " wraps keys with an encoding; " + key + " has none (a vault key?)");
    }
    return local.wrap(key);
  }

  @Override
  protected Key engineUnwrap(byte[] wrappedKey, String wrappedKeyAlgorithm, int wrappedKeyType)
      throws InvalidKeyException, NoSuchAlgorithmException {
    if (opmode != Cipher.UNWRAP_MODE || vaultKey == null) {
      throw new IllegalStateException(transformation + " is not initialised for UNWRAP_MODE");
    }
    byte[] encoded;
    try {
      encoded = vaultKey.crypto().unwrapKey(vaultKey.keyId(), padding.vaultAlgorithm(), wrappedKey);
    } catch (KeyVaultException e) {
      throw CipherFailures.unwrapFailure(transformation, padding.vaultAlgorithm(), vaultKey, e);
    }
    return UnwrappedKeys.toKey(encoded, wrappedKeyAlgorithm, wrappedKeyType);
  }

  private void requireDecrypting() {
    if (opmode != Cipher.DECRYPT_MODE || vaultKey == null) {
      throw new IllegalStateException(transformation + " is not initialised for DECRYPT_MODE");
    }
  }

  /** {@code RSA/ECB/PKCS1Padding} (alias {@code RSA}): Key Vault RSA1_5. */
  static final class Pkcs1 extends RsaCipher {
    Pkcs1() {
      super("RSA/ECB/PKCS1Padding", RsaPadding.RSA1_5);
    }
  }

  /** {@code RSA/ECB/OAEPWithSHA-1AndMGF1Padding}: Key Vault RSA-OAEP. */
  static final class OaepWithSha1 extends RsaCipher {
    OaepWithSha1() {
      super("RSA/ECB/OAEPWithSHA-1AndMGF1Padding", RsaPadding.RSA_OAEP);
    }
  }

  /** {@code RSA/ECB/OAEPWithSHA-256AndMGF1Padding}: Key Vault RSA-OAEP-256 (MGF1-SHA-256). */
  static final class OaepWithSha256 extends RsaCipher {
    OaepWithSha256() {
      super("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", RsaPadding.RSA_OAEP_256);
    }
  }

  /** {@code RSA/ECB/OAEPPadding}: RSA-OAEP by default, RSA-OAEP-256 with SHA-256 parameters. */
  static final class Oaep extends RsaCipher {
    Oaep() {
      super("RSA/ECB/OAEPPadding", null);
    }
  }
}
