package dev.keybridge.localvault.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key in {@code DIR/master.key} (file mode 600) that encrypts key material, secrets and
 * backup blobs at rest with AES-GCM. Every sealed value is bound to a context string (e.g. the row
 * it belongs to) as additional authenticated data, so ciphertexts cannot be swapped between rows.
 * This protects a copied database file, not a copied data directory: it is a development vault, not
 * an HSM.
 */
public final class MasterKey {
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte VERSION = 1;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private MasterKey(byte[] raw) {
    this.key = new SecretKeySpec(raw, "AES");
  }

  /** Reads {@code file}, or creates it with 32 random bytes and owner-only permissions. */
  public static MasterKey loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        try {
          createOwnerOnly(file);
          Files.write(file, raw);
          return new MasterKey(raw);
        } catch (FileAlreadyExistsException raced) {
          // another process created it first; read theirs
        }
      }
      byte[] raw = Files.readAllBytes(file);
      if (raw.length != 32) {
        throw new StorageException(
            "The master key file "
                + file
                + " is corrupt (expected 32 bytes, found "
                + raw.length
                + ")");
      }
      return new MasterKey(raw);
    } catch (IOException e) {
      throw new StorageException("Cannot read or create the master key " + file, e);
    }
  }

  /**
   * Creates an empty file readable and writable by the owner only (where POSIX permissions exist).
   */
  public static void createOwnerOnly(Path file) throws IOException {
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
  }

  /** Encrypts {@code plaintext} bound to {@code context}: version || iv || ciphertext || tag. */
  public byte[] seal(byte[] plaintext, String context) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext);
      byte[] out = new byte[1 + IV_BYTES + ct.length];
      out[0] = VERSION;
      System.arraycopy(iv, 0, out, 1, IV_BYTES);
      System.arraycopy(ct, 0, out, 1 + IV_BYTES, ct.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * Decrypts a value made by {@link #seal} with the same context.
   *
   * @throws SealedDataException when the value was modified, truncated or sealed for another
   *     context or another master key
   */
  public byte[] open(byte[] sealed, String context) {
    if (sealed == null || sealed.length < 1 + IV_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
      throw new SealedDataException("sealed value is truncated or of an unknown format");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new SealedDataException("sealed value failed authentication");
    } catch (GeneralSecurityException e) {
      throw new SealedDataException(
          "sealed value cannot be decrypted: " + e.getClass().getSimpleName());
    }
  }

  /**
   * A stable secret derived from the master key for {@code purpose} (HMAC-SHA256), e.g. keystore
   * passwords.
   */
  public byte[] derive(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "MasterKey[AES-256]";
  }

  /** A sealed value did not decrypt: modified, truncated, or from another vault. */
  public static final class SealedDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SealedDataException(String message) {
      super(message);
    }
  }
}
