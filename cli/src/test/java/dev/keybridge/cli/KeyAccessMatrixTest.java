package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.ImportKeyOptions;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.cli.Cli.Result;
import dev.keybridge.keystore.KeyVaultLoadStoreParameter;
import dev.keybridge.keystore.key.VaultSecretKey;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.TestPki;
import dev.keybridge.management.KeyVaultAsyncManager;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.keys.KeySizes;
import dev.keybridge.provider.KeyBridgeProvider;
import dev.keybridge.provider.keygen.VaultKeyGenParameterSpec;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8 acceptance: a key made one way is used every other way. Made by the CLI, the facade, a
 * KeyBridge KeyPairGenerator/KeyGenerator, a KeyStore import or an import through the official SDK
 * (a tool that writes no keybridge tag); used through the KeyStore, Signature/Cipher, the facade
 * and the CLI. RSA 2048 and EC P-256 on a vault; AES-128 (oct-HSM) on a Managed HSM, where it must
 * come back as AES-128 every way and wrap with AES/KW.
 */
class KeyAccessMatrixTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  @RegisterExtension
  static final LocalVaultExtension HSM = LocalVaultExtension.create().flavor(Flavor.MANAGED_HSM);

  enum Kind {
    RSA,
    EC,
    AES
  }

  enum Maker {
    CLI,
    FACADE,
    GENERATOR,
    KEYSTORE,
    SDK_IMPORT
  }

  @TestFactory
  List<DynamicTest> everyKeyWorksEveryWay() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (Maker maker : Maker.values()) {
        tests.add(
            DynamicTest.dynamicTest(kind + " made by " + maker, () -> makeAndUse(kind, maker)));
      }
    }
    return tests;
  }

  private static void makeAndUse(Kind kind, Maker maker) throws Exception {
    LocalVaultExtension vault = kind == Kind.AES ? HSM : VAULT;
    KeyVaultConfig config = KeyVaultConfig.fromProperties(vault.vault().propertiesFile());
    Provider provider = new KeyBridgeProvider(config);
    String name = (kind + "-" + maker).toLowerCase(Locale.ROOT).replace('_', '-');
    int size =
        switch (kind) {
          case RSA -> 2048;
          case EC -> 256;
          case AES -> 128;
        };

    make(kind, maker, name, vault, config, provider);

    // KeyStore
    KeyStore store = KeyStore.getInstance("AzureKeyVault", provider);
    store.load(KeyVaultLoadStoreParameter.of(config));
    Key handle = store.getKey(name, null);
    assertThat(handle).as("KeyStore entry of " + name).isNotNull();

    // facade
    KeyBundle bundle = new KeyVaultManager(config).getKey(name);
    assertThat(bundle.keySize()).as("facade key size of " + name).isEqualTo(size);
    KeyBundle later = new KeyVaultAsyncManager(config).getKey(name).get(60, TimeUnit.SECONDS);
    assertThat(later.keySize()).as("async facade key size of " + name).isEqualTo(size);

    // Signature / Cipher
    switch (kind) {
      case RSA -> assertSigns(provider, "SHA256withRSA", (PrivateKey) handle, bundle);
      case EC -> assertSigns(provider, "SHA256withECDSA", (PrivateKey) handle, bundle);
      case AES -> {
        assertThat(((VaultSecretKey) handle).keySize()).isEqualTo(128);
        assertEncryptsAndWraps(provider, (SecretKey) handle);
      }
    }

    // CLI
    Result shown = Cli.run(vault.vault().propertiesFile(), "keys", "show", name, "--json");
    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    switch (kind) {
      case RSA, AES -> assertThat(shown.json().get("keySize").asInt()).isEqualTo(size);
      case EC -> assertThat(shown.json().get("curve").asText()).isEqualTo("P-256");
    }
  }

  private static void make(
      Kind kind,
      Maker maker,
      String name,
      LocalVaultExtension vault,
      KeyVaultConfig config,
      Provider provider)
      throws Exception {
    switch (maker) {
      case CLI -> {
        List<String> args = new ArrayList<>(List.of("keys", "create", name));
        switch (kind) {
          case RSA -> args.addAll(List.of("--type", "rsa", "--size", "2048"));
          case EC -> args.addAll(List.of("--type", "ec", "--curve", "P-256"));
          case AES -> args.addAll(List.of("--type", "oct", "--hsm", "--size", "128"));
        }
        Result created = Cli.run(vault.vault().propertiesFile(), args.toArray(String[]::new));
        assertThat(created.exitCode()).as(created.toString()).isZero();
      }
      case FACADE -> {
        KeyVaultManager manager = new KeyVaultManager(config);
        switch (kind) {
          case RSA -> manager.createRsaKey(name, 2048, KeyOptions.defaults());
          case EC -> manager.createEcKey(name, KeyCurveName.P_256, KeyOptions.defaults());
          case AES ->
              manager.createOctKey(name, 128, KeyOptions.builder().hardwareProtected(true).build());
        }
      }
      case GENERATOR -> {
        switch (kind) {
          case RSA, EC -> {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(kind.name(), provider);
            VaultKeyGenParameterSpec.Builder spec = VaultKeyGenParameterSpec.builder().name(name);
            generator.initialize(
                kind == Kind.RSA ? spec.keySize(2048).build() : spec.curve("P-256").build());
            generator.generateKeyPair();
          }
          case AES -> {
            KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
            generator.init(
                VaultKeyGenParameterSpec.builder().name(name).keySize(128).hsm(true).build());
            generator.generateKey();
          }
        }
      }
      case KEYSTORE -> {
        KeyStore store = KeyStore.getInstance("AzureKeyVault", provider);
        store.load(KeyVaultLoadStoreParameter.of(config));
        if (kind == Kind.AES) {
          store.setKeyEntry(name, aes128(), null, null);
        } else {
          KeyPair pair = kind == Kind.RSA ? TestPki.rsa(2048) : TestPki.ec("secp256r1");
          store.setKeyEntry(
              name, pair.getPrivate(), null, new Certificate[] {TestPki.selfSigned(pair, name)});
        }
      }
      case SDK_IMPORT -> {
        JsonWebKey jwk =
            switch (kind) {
              case RSA -> JsonWebKey.fromRsa(TestPki.rsa(2048));
              case EC -> JsonWebKey.fromEc(TestPki.ec("secp256r1"), new BouncyCastleProvider());
              case AES -> JsonWebKey.fromAes(aes128());
            };
        ImportKeyOptions options = new ImportKeyOptions(name, jwk);
        if (kind == Kind.AES) {
          options.setHardwareProtected(true);
        }
        var imported = vault.sdk().keyClient().importKeyWithResponse(options, null).getValue();
        assertThat(imported.getProperties().getTags())
            .as("a key imported by another tool carries no keybridge tag")
            .satisfiesAnyOf(
                tags -> assertThat(tags).isNull(),
                tags -> assertThat(tags).doesNotContainKey(KeySizes.TAG));
      }
    }
  }

  private static SecretKey aes128() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return new SecretKeySpec(bytes, "AES");
  }

  private static void assertSigns(
      Provider provider, String algorithm, PrivateKey key, KeyBundle bundle) throws Exception {
    byte[] message = ("matrix " + bundle.name()).getBytes();
    Signature signer = Signature.getInstance(algorithm, provider);
    signer.initSign(key);
    signer.update(message);
    byte[] signature = signer.sign();
    PublicKey publicKey = bundle.publicKey().orElseThrow();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(publicKey);
    verifier.update(message);
    assertThat(verifier.verify(signature)).as(algorithm + " by " + bundle.name()).isTrue();
  }

  private static void assertEncryptsAndWraps(Provider provider, SecretKey key) throws Exception {
    byte[] message = "matrix message".getBytes();
    Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding", provider);
    encrypt.init(Cipher.ENCRYPT_MODE, key);
    byte[] ciphertext = encrypt.doFinal(message);
    Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding", provider);
    decrypt.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, encrypt.getIV()));
    assertThat(decrypt.doFinal(ciphertext)).isEqualTo(message);

    SecretKey payload = aes128();
    Cipher wrap = Cipher.getInstance("AES/KW/NoPadding", provider);
    wrap.init(Cipher.WRAP_MODE, key);
    byte[] wrapped = wrap.wrap(payload);
    Cipher unwrap = Cipher.getInstance("AES/KW/NoPadding", provider);
    unwrap.init(Cipher.UNWRAP_MODE, key);
    assertThat(unwrap.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded())
        .isEqualTo(payload.getEncoded());
  }
}
