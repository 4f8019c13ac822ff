package dev.keybridge.examples.bench;

import dev.keybridge.provider.KeyBridgeProvider;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;

/**
 * A fresh JVM's path to its first signature, as an application takes it: the provider from a
 * properties file, the {@code AzureKeyVault} KeyStore loaded, one key, one {@code SHA256withECDSA}
 * signature. Run by {@link JarsignerHarness} (cold start row); prints nothing.
 *
 * <pre>
 * java -cp keybridge-provider.jar:... dev.keybridge.examples.bench.FirstSignature PROPERTIES ALIAS
 * </pre>
 */
public final class FirstSignature {
  private FirstSignature() {}

  public static void main(String[] args) throws Exception {
    Provider provider = new KeyBridgeProvider().configure(args[0]);
    KeyStore store = KeyStore.getInstance("AzureKeyVault", provider);
    store.load(null, null);
    PrivateKey key = (PrivateKey) store.getKey(args[1], null);
    Signature signature = Signature.getInstance("SHA256withECDSA", provider);
    signature.initSign(key);
    signature.update(new byte[] {1, 2, 3});
    if (signature.sign().length == 0) {
      throw new IllegalStateException("empty signature");
    }
  }
}
