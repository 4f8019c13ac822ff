package dev.keybridge.examples.rotation;

import dev.keybridge.examples.ExampleVault;
import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.keys.KeyBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * What rotating a signing key does to signatures. {@code POST /keys/{name}/rotate} (through the
 * facade, {@link KeyVaultManager#rotateKey}) adds a new key version; the old version stays in the
 * vault, enabled, with its own public key. So:
 *
 * <ul>
 *   <li>a signature made before the rotation still verifies, with the public key of the version
 *       that made it (keep the versioned key id next to every signature, as JWS {@code kid} or CMS
 *       signer id);
 *   <li>it does not verify with the new version's public key;
 *   <li>new signatures are made with the new version once the KeyStore is loaded again ({@code
 *       name} means the latest version; {@code name/version} pins one).
 * </ul>
 *
 * <pre>
 * java -cp keybridge.jar:examples.jar dev.keybridge.examples.rotation.KeyRotationExample \
 *     keybridge.properties release-signing
 * </pre>
 */
public final class KeyRotationExample {
  private KeyRotationExample() {}

  /** What happened to the signatures of one document across one rotation. */
  public record Outcome(
      String oldKeyId,
      String newKeyId,
      boolean oldSignatureVerifiesWithOldVersion,
      boolean oldSignatureVerifiesWithNewVersion,
      boolean newSignatureVerifiesWithNewVersion,
      boolean oldVersionStillSigns) {}

  /**
   * Signs {@code document} with the latest version of {@code keyName}, rotates the key with the
   * facade, reloads the KeyStore and signs again, then checks every signature locally against both
   * versions' public keys. Takes one rotate request, two sign requests for the latest versions and
   * one more to show that the pinned old version still signs.
   *
   * <p>Needs KeyBridge among the installed providers ({@link ExampleVault#installProvider()}).
   */
  public static Outcome rotateAndCompare(
      KeyVaultManager manager, KeyStore vault, String keyName, byte[] document)
      throws IOException, GeneralSecurityException {
    VaultPrivateKey before = vaultKey(vault, keyName);
    String algorithm = signatureAlgorithm(before);
    byte[] oldSignature = sign(algorithm, before, document);

    KeyBundle rotated = manager.rotateKey(keyName);

    vault.load(null, null); // the KeyStore caches entries: load again to see the new version
    VaultPrivateKey after = vaultKey(vault, keyName);
    if (!after.version().equals(rotated.version())) {
      throw new KeyStoreException(
          "the KeyStore gives version "
              + after.version()
              + " of "
              + keyName
              + ", the vault rotated to "
              + rotated.version());
    }
    byte[] newSignature = sign(algorithm, after, document);

    VaultPrivateKey pinnedOld = vaultKey(vault, keyName + "/" + before.version());
    byte[] pinnedSignature = sign(algorithm, pinnedOld, document);

    return new Outcome(
        before.keyId(),
        after.keyId(),
        verifies(algorithm, before.publicKey(), document, oldSignature),
        verifies(algorithm, after.publicKey(), document, oldSignature),
        verifies(algorithm, after.publicKey(), document, newSignature),
        verifies(algorithm, before.publicKey(), document, pinnedSignature));
  }

  private static VaultPrivateKey vaultKey(KeyStore vault, String alias)
      throws GeneralSecurityException {
    Key key = vault.getKey(alias, null);
    if (!(key instanceof VaultPrivateKey vaultKey)) {
      throw new KeyStoreException(alias + " is not an RSA or EC key in the vault");
    }
    return vaultKey;
  }

  private static String signatureAlgorithm(VaultPrivateKey key) {
    return "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
  }

  private static byte[] sign(String algorithm, VaultPrivateKey key, byte[] document)
      throws GeneralSecurityException {
    Signature signature = Signature.getInstance(algorithm);
    signature.initSign(key);
    signature.update(document);
    return signature.sign();
  }

  private static boolean verifies(
      String algorithm, PublicKey key, byte[] document, byte[] signatureBytes)
      throws GeneralSecurityException {
    Signature signature = Signature.getInstance(algorithm);
    signature.initVerify(key);
    signature.update(document);
    return signature.verify(signatureBytes);
  }

  /** {@code <keybridge.properties> <RSA or EC P-256 key name>}: rotates the key. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: KeyRotationExample <keybridge.properties> <key name>");
      System.exit(2);
    }
    ExampleVault.installProvider();
    ExampleVault vault = ExampleVault.open(Path.of(args[0]));
    KeyVaultManager manager = new KeyVaultManager(vault.provider().vaultConfig());
    Outcome outcome =
        rotateAndCompare(
            manager, vault.keyStore(), args[1], "release 1.0".getBytes(StandardCharsets.UTF_8));
    System.out.println("before: " + outcome.oldKeyId());
    System.out.println("after:  " + outcome.newKeyId());
    System.out.println(
        "old signature verifies with the old version: "
            + outcome.oldSignatureVerifiesWithOldVersion());
    System.out.println(
        "old signature verifies with the new version: "
            + outcome.oldSignatureVerifiesWithNewVersion());
    System.out.println(
        "new signature verifies with the new version: "
            + outcome.newSignatureVerifiesWithNewVersion());
  }
}
