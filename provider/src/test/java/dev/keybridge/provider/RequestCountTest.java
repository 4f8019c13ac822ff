package dev.keybridge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the vault sees, from its access log: one request per private-key operation, none else. */
class RequestCountTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final byte[] MESSAGE = "count me".getBytes(StandardCharsets.UTF_8);
  private static KeyBridgeProvider provider;
  private static VaultRsaPrivateKey key;

  @BeforeAll
  static void keys() throws Exception {
    TestVaultKeys keys = new TestVaultKeys(VAULT.vault().propertiesFile());
    provider = keys.provider();
    key = keys.createRsa("counted", 2048);
    // One operation first, so the token and the challenge are behind us.
    sign();
  }

  private static byte[] sign() throws Exception {
    Signature signer = Signature.getInstance("SHA256withRSA", provider);
    signer.initSign(key);
    signer.update(MESSAGE);
    return signer.sign();
  }

  @Test
  void hundredSignsAreExactlyHundredSignRequests() throws Exception {
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();
    List<byte[]> signatures = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      signatures.add(sign());
    }
    List<AccessLog.Entry> requests = log.since(mark);
    assertThat(requests).hasSize(100);
    assertThat(requests)
        .allSatisfy(
            entry -> {
              assertThat(entry.method()).isEqualTo("POST");
              assertThat(entry.path()).matches("/keys/counted/[0-9a-f]{32}/sign");
              assertThat(entry.status()).isEqualTo(200);
            });
    assertThat(signatures).hasSize(100);
  }

  @Test
  void verifiesAndEncryptsCostNoRequest() throws Exception {
    byte[] signature = sign();
    AccessLog log = VAULT.accessLog();
    long mark = log.mark();
    for (int i = 0; i < 100; i++) {
      Signature verifier = Signature.getInstance("SHA256withRSA", provider);
      verifier.initVerify(key.publicKey());
      verifier.update(MESSAGE);
      assertThat(verifier.verify(signature)).isTrue();
    }
    for (int i = 0; i < 100; i++) {
      Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", provider);
      cipher.init(Cipher.ENCRYPT_MODE, key);
      assertThat(cipher.doFinal(MESSAGE)).hasSize(256);
    }
    assertThat(log.since(mark)).isEmpty();
  }
}
