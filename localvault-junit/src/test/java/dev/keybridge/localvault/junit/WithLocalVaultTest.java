package dev.keybridge.localvault.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.localvault.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.util.Collections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithLocalVault
class WithLocalVaultTest {
  private static Path folder;

  @BeforeAll
  static void started(RunningVault vault) {
    folder = vault.localVault().dataDir();
    assertThat(vault.url()).startsWith("https://localhost:");
    assertThat(vault.propertiesFile()).isRegularFile();
  }

  @Test
  void signsInTheVaultAndVerifiesLocally(RunningVault vault) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", vault.provider());
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    byte[] data = "hello".getBytes(StandardCharsets.UTF_8);

    Signature signer = Signature.getInstance("SHA256withECDSA", vault.provider(Role.CRYPTO_USER));
    signer.initSign(pair.getPrivate());
    signer.update(data);
    byte[] signature = signer.sign();

    Signature verifier = Signature.getInstance("SHA256withECDSA", "SunEC");
    verifier.initVerify(pair.getPublic());
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();

    assertThat(Collections.list(vault.keyStore().aliases())).isNotEmpty();
  }

  @Test
  void eachRoleIsItsOwnClient(RunningVault vault) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", vault.provider());
    generator.initialize(2048);
    generator.generateKeyPair();
    KeyStore asReader = vault.keyStore(Role.READER);
    PrivateKey key = null;
    for (String alias : Collections.list(asReader.aliases())) {
      Key entry = asReader.getKey(alias, null);
      if (entry instanceof PrivateKey privateKey && entry.getAlgorithm().equals("RSA")) {
        key = privateKey;
      }
    }
    assertThat(key).as("the reader lists the key").isNotNull();
    Signature reader = Signature.getInstance("SHA256withRSA", vault.provider(Role.READER));
    reader.initSign(key);
    reader.update(new byte[] {1});
    assertThatThrownBy(reader::sign)
        .isInstanceOf(SignatureException.class)
        .hasStackTraceContaining("Forbidden");
    assertThat(vault.config(Role.READER).clientId()).contains("reader");
  }

  @AfterAll
  static void stillRunningUntilTheClassIsDone() {
    assertThat(folder).isDirectory();
    assertThat(Files.exists(folder.resolve("keybridge.properties"))).isTrue();
  }
}
