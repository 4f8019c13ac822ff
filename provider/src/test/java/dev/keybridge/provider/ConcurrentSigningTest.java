package dev.keybridge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.keystore.key.VaultRsaPrivateKey;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One handle shared by 32 threads (each with its own Signature, as JCA requires). */
class ConcurrentSigningTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final int THREADS = 32;
  private static final int SIGNATURES_PER_THREAD = 100;

  @Test
  void thirtyTwoThreadsSign3200TimesAndEverySignatureVerifies() throws Exception {
    TestVaultKeys keys = new TestVaultKeys(VAULT.vault().propertiesFile());
    KeyBridgeProvider provider = keys.provider();
    VaultRsaPrivateKey shared = keys.createRsa("shared", 2048);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<byte[][]>>> results = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<byte[][]> signed = new ArrayList<>();
                  Signature signer = Signature.getInstance("SHA256withRSA", provider);
                  for (int i = 0; i < SIGNATURES_PER_THREAD; i++) {
                    byte[] message =
                        ("thread " + thread + " message " + i).getBytes(StandardCharsets.UTF_8);
                    signer.initSign(shared);
                    signer.update(message);
                    signed.add(new byte[][] {message, signer.sign()});
                  }
                  return signed;
                }));
      }
      start.countDown();
      Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
      int verified = 0;
      for (Future<List<byte[][]>> result : results) {
        for (byte[][] pair : result.get()) {
          verifier.initVerify(shared.publicKey());
          verifier.update(pair[0]);
          assertThat(verifier.verify(pair[1])).isTrue();
          verified++;
        }
      }
      assertThat(verified).isEqualTo(THREADS * SIGNATURES_PER_THREAD);
    } finally {
      pool.shutdownNow();
    }
  }
}
