package dev.keybridge.examples.envelope;

import dev.keybridge.examples.ExampleVault;
import dev.keybridge.keystore.key.VaultPrivateKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Envelope encryption with an RSA vault key as the key-encryption key. Sealing is entirely local: a
 * fresh AES-256 data key encrypts the data (AES-GCM), and the RSA public key wraps the data key
 * (RSA-OAEP with SHA-256 and MGF1-SHA-256, Key Vault's {@code RSA-OAEP-256}). Opening unwraps the
 * data key in the vault ({@code POST /keys/{name}/{version}/unwrapkey}, one request) through the
 * KeyBridge {@code Cipher}, then decrypts locally. The vault never sees the data; the data key is
 * stored only wrapped.
 *
 * <pre>
 * java -cp keybridge.jar:examples.jar dev.keybridge.examples.envelope.EnvelopeEncryptionExample \
 *     keybridge.properties rsa-kek "attack at dawn"
 * </pre>
 */
public final class EnvelopeEncryptionExample {
  /** RSA-OAEP-256 exactly as Key Vault defines it (the JDK's default MGF1 hash would be SHA-1). */
  public static final OAEPParameterSpec RSA_OAEP_256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private static final String WRAP_TRANSFORMATION = "RSA/ECB/OAEPPadding";
  private static final int GCM_TAG_BITS = 128;
  private static final int GCM_IV_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private EnvelopeEncryptionExample() {}

  /**
   * A sealed message: the wrapped data key, the key id of the key-encryption key (which names the
   * version to unwrap with), the GCM IV and the ciphertext with its tag.
   */
  public record Envelope(String keyId, byte[] wrappedDataKey, byte[] iv, byte[] ciphertext) {
    public Envelope {
      wrappedDataKey = wrappedDataKey.clone();
      iv = iv.clone();
      ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] wrappedDataKey() {
      return wrappedDataKey.clone();
    }

    @Override
    public byte[] iv() {
      return iv.clone();
    }

    @Override
    public byte[] ciphertext() {
      return ciphertext.clone();
    }

    @Override
    public String toString() {
      return "Envelope[keyId="
          + keyId
          + ", wrappedDataKey="
          + wrappedDataKey.length
          + " bytes, ciphertext="
          + ciphertext.length
          + " bytes]";
    }
  }

  /**
   * Seals {@code plaintext} locally: no vault request.
   *
   * @param keyEncryptionKey the RSA public key of the vault key
   * @param keyId the vault key id recorded in the envelope (the key version to unwrap with)
   * @param associatedData authenticated but not encrypted (e.g. a record id); may be empty
   */
  public static Envelope seal(
      byte[] plaintext, PublicKey keyEncryptionKey, String keyId, byte[] associatedData)
      throws GeneralSecurityException {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256, RANDOM);
    SecretKey dataKey = generator.generateKey();

    byte[] iv = new byte[GCM_IV_BYTES];
    RANDOM.nextBytes(iv);
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(GCM_TAG_BITS, iv));
    aes.updateAAD(associatedData);
    byte[] ciphertext = aes.doFinal(plaintext);

    Cipher wrap = Cipher.getInstance(WRAP_TRANSFORMATION);
    wrap.init(Cipher.WRAP_MODE, keyEncryptionKey, RSA_OAEP_256);
    byte[] wrapped = wrap.wrap(dataKey);
    return new Envelope(keyId, wrapped, iv, ciphertext);
  }

  /**
   * Opens an envelope: unwraps the data key in the vault with {@code vaultKey} (one request), then
   * decrypts and authenticates locally.
   *
   * @param vaultKey the private key handle of the key version that wrapped the data key
   * @throws javax.crypto.AEADBadTagException if the ciphertext or associated data were altered
   * @throws java.security.InvalidKeyException if the vault cannot unwrap the data key (the message
   *     names the vault error code)
   */
  public static byte[] open(Envelope envelope, PrivateKey vaultKey, byte[] associatedData)
      throws GeneralSecurityException {
    Cipher unwrap = Cipher.getInstance(WRAP_TRANSFORMATION);
    unwrap.init(Cipher.UNWRAP_MODE, vaultKey, RSA_OAEP_256);
    Key dataKey = unwrap.unwrap(envelope.wrappedDataKey(), "AES", Cipher.SECRET_KEY);

    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(GCM_TAG_BITS, envelope.iv()));
    aes.updateAAD(associatedData);
    return aes.doFinal(envelope.ciphertext());
  }

  /** {@code <keybridge.properties> <RSA key alias> <text>}: seals and opens the text. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println(
          "usage: EnvelopeEncryptionExample <keybridge.properties> <rsa key> <text>");
      System.exit(2);
    }
    ExampleVault.installProvider();
    ExampleVault vault = ExampleVault.open(Path.of(args[0]));
    Key key = vault.keyStore().getKey(args[1], null);
    if (!(key instanceof VaultPrivateKey vaultKey)) {
      throw new GeneralSecurityException(args[1] + " is not an RSA key in the vault");
    }
    String keyId = vaultKey.keyId();
    byte[] aad = keyId.getBytes(StandardCharsets.UTF_8);
    Envelope envelope =
        seal(args[2].getBytes(StandardCharsets.UTF_8), vaultKey.publicKey(), keyId, aad);
    System.out.println("sealed: " + envelope);
    byte[] opened = open(envelope, vaultKey, aad);
    System.out.println("opened: " + new String(opened, StandardCharsets.UTF_8));
    Arrays.fill(opened, (byte) 0);
  }
}
