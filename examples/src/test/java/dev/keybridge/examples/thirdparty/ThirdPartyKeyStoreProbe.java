package dev.keybridge.examples.thirdparty;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs in a child JVM whose class path holds a third-party Key Vault JCA provider and nothing of
 * keybridge but this class: loads the provider's KeyStore, then for each alias prints its chain and
 * key, signs with the provider and verifies with the JDK. One result per line ({@code ALIASES},
 * {@code CHAIN}, {@code KEY}, {@code SIGN}) for the test to check; exit code 0 unless a step threw.
 *
 * <p>Arguments: {@code jca|jsign VAULT_URL STOREPASS ALIAS...}. For {@code jca} the provider reads
 * its settings from the {@code azure.keyvault.*} system properties; for {@code jsign} the vault URL
 * is the provider argument and the store password the access token.
 */
public final class ThirdPartyKeyStoreProbe {
  private ThirdPartyKeyStoreProbe() {}

  public static void main(String[] args) throws Exception {
    String client = args[0];
    String vaultUrl = args[1];
    char[] password = args[2].toCharArray();
    Provider provider;
    String storeType;
    if (client.equals("jca")) {
      provider =
          (Provider)
              Class.forName("com.azure.security.keyvault.jca.KeyVaultJcaProvider")
                  .getConstructor()
                  .newInstance();
      storeType = "AzureKeyVault";
    } else {
      provider =
          (Provider)
              Class.forName("net.jsign.jca.JsignJcaProvider")
                  .getConstructor(String.class)
                  .newInstance(vaultUrl);
      storeType = "AZUREKEYVAULT";
    }
    Security.addProvider(provider);
    KeyStore store = KeyStore.getInstance(storeType, provider);
    store.load(null, password);
    List<String> aliases = new ArrayList<>(Collections.list(store.aliases()));
    Collections.sort(aliases);
    System.out.println("ALIASES " + String.join(",", aliases));
    for (int i = 3; i < args.length; i++) {
      String alias = args[i];
      Certificate[] chain = store.getCertificateChain(alias);
      X509Certificate leaf = (X509Certificate) chain[0];
      System.out.println(
          "CHAIN " + alias + " " + chain.length + " " + leaf.getSubjectX500Principal().getName());
      Key key = store.getKey(alias, password);
      System.out.println(
          "KEY " + alias + " " + key.getAlgorithm() + " " + key.getClass().getName());
      String algorithm =
          leaf.getPublicKey().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      byte[] data = ("signed through " + client).getBytes(StandardCharsets.UTF_8);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign((PrivateKey) key);
      signer.update(data);
      byte[] signature = signer.sign();
      // A 64-byte ECDSA signature is Key Vault's raw r||s (jsign passes it on as it is).
      String verifyAs =
          algorithm.endsWith("ECDSA") && signature.length == 64
              ? algorithm + "inP1363Format"
              : algorithm;
      Signature verifier =
          Signature.getInstance(verifyAs, algorithm.endsWith("ECDSA") ? "SunEC" : "SunRsaSign");
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(data);
      System.out.println(
          "SIGN "
              + alias
              + " "
              + verifyAs
              + " "
              + signer.getProvider().getName()
              + " verified="
              + verifier.verify(signature));
    }
  }
}
