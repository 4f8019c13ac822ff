package dev.keybridge.provider.cipher;

import dev.keybridge.keystore.key.VaultSecretKey;
import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;

/**
 * Common life cycle of the AES ciphers on vault keys: the vault needs the whole input at once, so
 * {@code update} buffers and {@code doFinal} sends exactly one request. After {@code doFinal} the
 * cipher is ready for the next message with the same key (a fresh vault IV each time where the
 * vault generates it).
 */
abstract class VaultAesCipher extends CipherSpi {
  static final int BLOCK_BYTES = 16;

  private final String transformation;
  private final int requiredKeySize;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private int opmode;
  private VaultSecretKey key;
  private byte[] iv;

  VaultAesCipher(String transformation, int requiredKeySize) {
    this.transformation = transformation;
    this.requiredKeySize = requiredKeySize;
  }

  abstract String mode();

  abstract String padding();

  abstract String vaultAlgorithm(VaultSecretKey key);

  /** Validates the parameters for mode and returns the IV they carry (or null). */
  abstract byte[] checkParameters(int mode, AlgorithmParameterSpec params)
      throws InvalidAlgorithmParameterException;

  abstract Class<? extends AlgorithmParameterSpec> parameterSpecClass();

  /** One vault request for the whole input. */
  abstract byte[] finish(VaultSecretKey key, String vaultAlgorithm, byte[] input)
      throws IllegalBlockSizeException, BadPaddingException;

  /** The Key Vault operation an opmode needs, or null when this cipher does not support it. */
  String vaultOperation(int mode) {
    return switch (mode) {
      case Cipher.ENCRYPT_MODE -> "encrypt";
      case Cipher.DECRYPT_MODE -> "decrypt";
      default -> null;
    };
  }

  /** Called for every update with data (GCM uses it to order AAD before data). */
  void onData(int len) {}

  final String transformation() {
    return transformation;
  }

  final int opmode() {
    return opmode;
  }

  final VaultSecretKey key() {
    return key;
  }

  final byte[] iv() {
    return iv == null ? null : iv.clone();
  }

  final void setIv(byte[] iv) {
    this.iv = iv.clone();
  }

  final int buffered() {
    return buffer.size();
  }

  final void requireMode(int... modes) {
    for (int mode : modes) {
      if (key != null && opmode == mode) {
        return;
      }
    }
    throw new IllegalStateException(transformation + " is not initialised for this operation");
  }

  static AlgorithmParameters parameters(String algorithm, AlgorithmParameterSpec spec) {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance(algorithm);
      parameters.init(spec);
      return parameters;
    } catch (NoSuchAlgorithmException | InvalidParameterSpecException e) {
      throw new ProviderException(algorithm + " parameters are not available in this JDK", e);
    }
  }

  @Override
  protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
    if (!mode.equalsIgnoreCase(mode())) {
      throw new NoSuchAlgorithmException(transformation + " has no mode " + mode);
    }
  }

  @Override
  protected void engineSetPadding(String padding) throws NoSuchPaddingException {
    boolean pkcs5 = padding().equals("PKCS5Padding") && padding.equalsIgnoreCase("PKCS7Padding");
    if (!padding.equalsIgnoreCase(padding()) && !pkcs5) {
      throw new NoSuchPaddingException(transformation + " does not do padding " + padding);
    }
  }

  @Override
  protected int engineGetBlockSize() {
    return BLOCK_BYTES;
  }

  @Override
  protected byte[] engineGetIV() {
    return iv();
  }

  @Override
  protected int engineGetKeySize(Key key) throws InvalidKeyException {
    if (key instanceof VaultSecretKey vaultKey) {
      return vaultKey.keySize();
    }
    if (key instanceof SecretKey secret && secret.getEncoded() != null) {
      return secret.getEncoded().length * 8;
    }
    throw new InvalidKeyException(transformation + " needs an AES key, not " + key);
  }

  @Override
  protected void engineInit(int mode, Key key, SecureRandom random) throws InvalidKeyException {
    try {
      engineInit(mode, key, (AlgorithmParameterSpec) null, random);
    } catch (InvalidAlgorithmParameterException e) {
      // Cipher.init(mode, key) has no parameter exception: the JDK reports missing ones this way.
      throw new InvalidKeyException(e.getMessage(), e);
    }
  }

  @Override
  protected void engineInit(int mode, Key key, AlgorithmParameters params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    AlgorithmParameterSpec spec = null;
    if (params != null) {
      try {
        spec = params.getParameterSpec(parameterSpecClass());
      } catch (InvalidParameterSpecException e) {
        throw new InvalidAlgorithmParameterException(
            transformation + " takes " + parameterSpecClass().getSimpleName(), e);
      }
    }
    engineInit(mode, key, spec, random);
  }

  @Override
  protected void engineInit(int mode, Key key, AlgorithmParameterSpec params, SecureRandom random)
      throws InvalidKeyException, InvalidAlgorithmParameterException {
    String operation = vaultOperation(mode);
    if (operation == null) {
      throw new UnsupportedOperationException(
          transformation + " in keybridge does not support opmode " + mode);
    }
    VaultSecretKey aesKey = CipherKeys.requireAes(key, operation, transformation, requiredKeySize);
    byte[] parameterIv = checkParameters(mode, params);
    this.key = aesKey;
    this.opmode = mode;
    this.iv = parameterIv;
    buffer.reset();
  }

  @Override
  protected byte[] engineUpdate(byte[] input, int offset, int len) {
    requireMode(Cipher.ENCRYPT_MODE, Cipher.DECRYPT_MODE);
    buffer.write(input, offset, len);
    onData(len);
    return new byte[0];
  }

  @Override
  protected int engineUpdate(byte[] input, int offset, int len, byte[] output, int outOffset) {
    engineUpdate(input, offset, len);
    return 0;
  }

  @Override
  protected byte[] engineDoFinal(byte[] input, int offset, int len)
      throws IllegalBlockSizeException, BadPaddingException {
    requireMode(Cipher.ENCRYPT_MODE, Cipher.DECRYPT_MODE);
    if (input != null && len > 0) {
      buffer.write(input, offset, len);
      onData(len);
    }
    byte[] whole = buffer.toByteArray();
    buffer.reset();
    return finish(key, vaultAlgorithm(key), whole);
  }

  @Override
  protected int engineDoFinal(byte[] input, int offset, int len, byte[] output, int outOffset)
      throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
    int needed = engineGetOutputSize(input == null ? 0 : len);
    if (output.length - outOffset < needed) {
      throw new ShortBufferException(transformation + " needs " + needed + " bytes of output");
    }
    byte[] result = engineDoFinal(input, offset, len);
    System.arraycopy(result, 0, output, outOffset, result.length);
    return result.length;
  }
}
