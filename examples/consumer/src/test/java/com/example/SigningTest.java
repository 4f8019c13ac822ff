package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keybridge.localvault.junit.RunningVault;
import dev.keybridge.localvault.junit.WithLocalVault;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.provider.KeyBridgeProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signs with a key that stays in the vault, verifies locally, finds the key in the KeyStore. The
 * lines between README:begin and README:end are the README's "Use it from your project" code.
 */
@WithLocalVault
class SigningTest {
  @Test
  void signsInTheVaultAndVerifiesLocally(RunningVault vault) throws Exception {
    Path file = vault.propertiesFile();
    // README:begin
    Provider keybridge = new KeyBridgeProvider(KeyVaultConfig.fromProperties(file));

    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", keybridge);
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair(); // created in the vault; the private key stays there

    byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withECDSA", keybridge);
    signer.initSign(pair.getPrivate()); // a handle: one request to the vault per signature
    signer.update(data);
    byte[] signature = signer.sign();

    Signature verifier = Signature.getInstance("SHA256withECDSA"); // the JDK's, no vault needed
    verifier.initVerify(pair.getPublic());
    verifier.update(data);
    boolean valid = verifier.verify(signature);

    KeyStore store = KeyStore.getInstance("AzureKeyVault", keybridge);
    store.load(null, null); // one listing request; entries are read when used
    List<String> aliases = Collections.list(store.aliases());
    // README:end
    assertTrue(valid);
    assertEquals(1, aliases.size());
    assertTrue(store.isKeyEntry(aliases.get(0)));
  }

  @Test
  void theExtensionGivesAProviderAndAKeyStore(RunningVault vault) throws Exception {
    assertEquals("KeyBridge", vault.provider().getName());
    assertEquals("AzureKeyVault", vault.keyStore().getType());
  }
}
