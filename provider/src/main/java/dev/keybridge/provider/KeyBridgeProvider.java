package dev.keybridge.provider;

import dev.keybridge.keystore.KeyVaultKeyStore;
import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.keystore.key.VaultSecretKey;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.provider.cipher.AesCbcCipher;
import dev.keybridge.provider.cipher.AesGcmCipher;
import dev.keybridge.provider.cipher.AesKeyWrapCipher;
import dev.keybridge.provider.cipher.RsaCipher.Oaep;
import dev.keybridge.provider.cipher.RsaCipher.OaepWithSha1;
import dev.keybridge.provider.cipher.RsaCipher.OaepWithSha256;
import dev.keybridge.provider.cipher.RsaCipher.Pkcs1;
import dev.keybridge.provider.keygen.AesKeyGenerator;
import dev.keybridge.provider.keygen.EcKeyPairGenerator;
import dev.keybridge.provider.keygen.RsaKeyPairGenerator;
import dev.keybridge.provider.random.VaultSecureRandom;
import dev.keybridge.provider.signature.EcdsaSignature.Sha256WithEcdsa;
import dev.keybridge.provider.signature.EcdsaSignature.Sha256WithEcdsaInP1363Format;
import dev.keybridge.provider.signature.EcdsaSignature.Sha384WithEcdsa;
import dev.keybridge.provider.signature.EcdsaSignature.Sha384WithEcdsaInP1363Format;
import dev.keybridge.provider.signature.EcdsaSignature.Sha512WithEcdsa;
import dev.keybridge.provider.signature.EcdsaSignature.Sha512WithEcdsaInP1363Format;
import dev.keybridge.provider.signature.RsaPkcs1Signature.Sha256WithRsa;
import dev.keybridge.provider.signature.RsaPkcs1Signature.Sha384WithRsa;
import dev.keybridge.provider.signature.RsaPkcs1Signature.Sha512WithRsa;
import dev.keybridge.provider.signature.RsaPssSignature.RsassaPss;
import dev.keybridge.provider.signature.RsaPssSignature.Sha256WithRsaPss;
import dev.keybridge.provider.signature.RsaPssSignature.Sha384WithRsaPss;
import dev.keybridge.provider.signature.RsaPssSignature.Sha512WithRsaPss;
import java.security.InvalidParameterException;
import java.security.Provider;
import java.security.ProviderException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The KeyBridge JCA provider: Azure Key Vault and Managed HSM keys through {@code Signature},
 * {@code Cipher}, {@code KeyPairGenerator}, {@code KeyGenerator}, {@code SecureRandom} and the
 * {@code AzureKeyVault} {@code KeyStore}. Private- and secret-key operations take exactly one vault
 * request; public-key operations run locally in the JDK providers.
 *
 * <p>Configuration: {@link #configure(String)} with a vault URL or the path of a {@code
 * keybridge.properties} file ({@code keytool -providerArg}, {@code security.provider.N=KeyBridge
 * <arg>}), the {@link #KeyBridgeProvider(KeyVaultConfig)} constructor, or, when neither is given,
 * {@link KeyVaultConfig#fromEnvironment()} read when a service first needs the vault. The no-arg
 * constructor never reads anything and never fails, as {@code java.security} and {@code
 * ServiceLoader} require. Signatures and ciphers use the vault connection of the key handle they
 * are given (from the KeyStore or a generator); key generation, SecureRandom and the KeyStore use
 * the provider's configuration.
 *
 * <p>Every service that takes a private or secret key declares {@code SupportedKeyClasses} naming
 * keybridge's handle interfaces, so with delayed provider selection vault keys land here and
 * software keys in the JDK providers, whatever the provider order.
 */
public final class KeyBridgeProvider extends Provider {
  private static final long serialVersionUID = 1L;

  /** The provider name: {@code Security.getProvider("KeyBridge")}. */
  public static final String NAME = "KeyBridge";

  private static final int[] AES_SIZES = {128, 192, 256};
  private static final Map<String, String> NONE = Map.of();
  private static final Map<String, List<String>> GENERATOR_ALIASES =
      Map.of(
          "RSA", oid("1.2.840.113549.1.1.1"),
          "EC", aka("EllipticCurve", oid("1.2.840.10045.2.1")),
          "AES", oid("2.16.840.1.101.3.4.1"));

  private final transient VaultAccess access;
  private transient Service randomService;

  /** A provider configured from system properties and the environment on first use. */
  public KeyBridgeProvider() {
    this((KeyVaultConfig) null);
  }

  /** A provider for one vault; {@code null} means system properties and environment. */
  public KeyBridgeProvider(KeyVaultConfig config) {
    super(
        NAME,
        "0.1",
        "KeyBridge: Azure Key Vault / Managed HSM keys through JCA (Signature, Cipher,"
            + " KeyPairGenerator, KeyGenerator, SecureRandom, KeyStore AzureKeyVault)");
    this.access = new VaultAccess(config);
    registerServices();
  }

  /**
   * A provider configured by {@code arg}: an {@code https://} vault URL (credentials from system
   * properties and the environment) or the path of a {@code keybridge.properties} file. Reads the
   * file but does not contact the vault.
   *
   * @throws InvalidParameterException if arg is neither, or the configuration is invalid
   */
  @Override
  public Provider configure(String arg) {
    try {
      return new KeyBridgeProvider(KeyVaultConfig.parse(arg));
    } catch (IllegalArgumentException e) {
      InvalidParameterException invalid =
          new InvalidParameterException("KeyBridge configuration '" + arg + "': " + e.getMessage());
      invalid.initCause(e);
      throw invalid;
    }
  }

  /** True when a configuration was given or system properties/environment provide one. */
  @Override
  public boolean isConfigured() {
    try {
      access.config();
      return true;
    } catch (ProviderException e) {
      return false;
    }
  }

  /**
   * The configuration in use, resolving it from system properties and environment if none was
   * given.
   *
   * @throws ProviderException saying how to configure keybridge when nothing is configured
   */
  public KeyVaultConfig vaultConfig() {
    return access.config();
  }

  /** The whole service table: one line per service; the loop is over AES key sizes. */
  private void registerServices() {
    // Signature: the message is hashed here and only the digest is signed in the vault.
    signature("SHA256withRSA", Sha256WithRsa::new, oid("1.2.840.113549.1.1.11"));
    signature("SHA384withRSA", Sha384WithRsa::new, oid("1.2.840.113549.1.1.12"));
    signature("SHA512withRSA", Sha512WithRsa::new, oid("1.2.840.113549.1.1.13"));
    signature("RSASSA-PSS", RsassaPss::new, aka("PSS", oid("1.2.840.113549.1.1.10")));
    signature("SHA256withRSA/PSS", Sha256WithRsaPss::new, List.of("SHA256withRSAandMGF1"));
    signature("SHA384withRSA/PSS", Sha384WithRsaPss::new, List.of("SHA384withRSAandMGF1"));
    signature("SHA512withRSA/PSS", Sha512WithRsaPss::new, List.of("SHA512withRSAandMGF1"));
    signature("SHA256withECDSA", Sha256WithEcdsa::new, oid("1.2.840.10045.4.3.2"));
    signature("SHA384withECDSA", Sha384WithEcdsa::new, oid("1.2.840.10045.4.3.3"));
    signature("SHA512withECDSA", Sha512WithEcdsa::new, oid("1.2.840.10045.4.3.4"));
    signature("SHA256withECDSAinP1363Format", Sha256WithEcdsaInP1363Format::new, List.of());
    signature("SHA384withECDSAinP1363Format", Sha384WithEcdsaInP1363Format::new, List.of());
    signature("SHA512withECDSAinP1363Format", Sha512WithEcdsaInP1363Format::new, List.of());

    // Cipher, RSA: decrypt/unwrap in the vault, encrypt/wrap locally with the public key.
    rsaCipher("RSA/ECB/PKCS1Padding", Pkcs1::new, aka("RSA", oid("1.2.840.113549.1.1.1")));
    rsaCipher("RSA/ECB/OAEPWithSHA-1AndMGF1Padding", OaepWithSha1::new, List.of());
    rsaCipher("RSA/ECB/OAEPWithSHA-256AndMGF1Padding", OaepWithSha256::new, List.of());
    rsaCipher("RSA/ECB/OAEPPadding", Oaep::new, oid("1.2.840.113549.1.1.7"));

    // Cipher, AES (Managed HSM oct keys): every operation in the vault.
    aesCipher("AES/GCM/NoPadding", () -> new AesGcmCipher(0), List.of());
    aesCipher("AES/CBC/PKCS5Padding", () -> new AesCbcCipher(true, 0), List.of());
    aesCipher("AES/CBC/NoPadding", () -> new AesCbcCipher(false, 0), List.of());
    aesCipher("AES/KW/NoPadding", () -> new AesKeyWrapCipher(false, 0), List.of("AESWrap"));
    aesCipher("AES/KWP/NoPadding", () -> new AesKeyWrapCipher(true, 0), List.of("AESWrapPad"));
    for (int size : AES_SIZES) {
      String aes = "AES_" + size;
      aesCipher(aes + "/GCM/NoPadding", () -> new AesGcmCipher(size), aesOid(size, 6));
      aesCipher(aes + "/CBC/NoPadding", () -> new AesCbcCipher(false, size), aesOid(size, 2));
      aesCipher(aes + "/KW/NoPadding", () -> new AesKeyWrapCipher(false, size), aesOid(size, 5));
      aesCipher(aes + "/KWP/NoPadding", () -> new AesKeyWrapCipher(true, size), aesOid(size, 8));
    }

    // Key generation in the vault; the private half is a handle.
    generator("KeyPairGenerator", "RSA", () -> new RsaKeyPairGenerator(access::clients));
    generator("KeyPairGenerator", "EC", () -> new EcKeyPairGenerator(access::clients));
    generator("KeyGenerator", "AES", () -> new AesKeyGenerator(access::clients));

    // Vault keys and certificates as a KeyStore; random bytes from the HSM (POST /rng).
    add("KeyStore", KeyVaultKeyStore.TYPE, () -> new KeyVaultKeyStore(access::config), NONE);
    secureRandom("AzureKeyVaultRng", this::newRandom, Map.of("ThreadSafe", "true"));
  }

  private VaultSecureRandom newRandom() {
    return new VaultSecureRandom(() -> access.clients().crypto());
  }

  // The rule: a service that takes a private or secret key accepts only keybridge's vault handles,
  // so JCA's delayed provider selection routes vault keys here and software keys elsewhere.
  private static Map<String, String> supportedKeyClasses(Class<?> handleInterface) {
    return Map.of("SupportedKeyClasses", handleInterface.getName());
  }

  private void signature(String algorithm, Supplier<Object> factory, List<String> aliases) {
    put("Signature", algorithm, factory, aliases, supportedKeyClasses(VaultPrivateKey.class));
  }

  private void rsaCipher(String transformation, Supplier<Object> factory, List<String> aliases) {
    put("Cipher", transformation, factory, aliases, supportedKeyClasses(VaultPrivateKey.class));
  }

  private void aesCipher(String transformation, Supplier<Object> factory, List<String> aliases) {
    put("Cipher", transformation, factory, aliases, supportedKeyClasses(VaultSecretKey.class));
  }

  /** Generators take no key; their aliases are the key algorithm's OID. */
  private void generator(String type, String algorithm, Supplier<Object> factory) {
    put(type, algorithm, factory, GENERATOR_ALIASES.get(algorithm), NONE);
  }

  private void add(
      String type, String algorithm, Supplier<Object> factory, Map<String, String> attributes) {
    put(type, algorithm, factory, List.of(), attributes);
  }

  /**
   * The JDK makes the first SecureRandom a provider registers with {@code putService} the default
   * of {@code new SecureRandom()} when that provider comes before SUN: with keybridge inserted
   * first, every JDK-internal random number would become a vault request (and fail on a standard
   * vault). So the vault RNG is served from {@link #getService} and {@link #getServices} only:
   * reachable by name ({@code SecureRandom.getInstance("AzureKeyVaultRng")}), never a default.
   */
  private void secureRandom(String algorithm, Supplier<Object> factory, Map<String, String> attrs) {
    String className = factory.get().getClass().getName();
    randomService =
        new VaultService(this, "SecureRandom", algorithm, className, List.of(), attrs, factory);
  }

  @Override
  public Service getService(String type, String algorithm) {
    Service random = randomService;
    if (random != null
        && random.getType().equalsIgnoreCase(type)
        && random.getAlgorithm().equalsIgnoreCase(algorithm)) {
      return random;
    }
    return super.getService(type, algorithm);
  }

  @Override
  public Set<Service> getServices() {
    Set<Service> services = new LinkedHashSet<>(super.getServices());
    if (randomService != null) {
      services.add(randomService);
    }
    return Collections.unmodifiableSet(services);
  }

  /** Both spellings the JDK registers for an OID alias. */
  private static List<String> oid(String oid) {
    return List.of(oid, "OID." + oid);
  }

  /** A name alias plus OID aliases. */
  private static List<String> aka(String name, List<String> oids) {
    List<String> all = new ArrayList<>(oids);
    all.add(0, name);
    return all;
  }

  /**
   * NIST AES OIDs 2.16.840.1.101.3.4.1.n: n = mode for 128-bit keys, 20 + mode for 192, 40 + mode
   * for 256 (mode 2 CBC, 5 KW, 6 GCM, 8 KWP); KW and KWP also keep the JDK's AESWrap_n names.
   */
  private static List<String> aesOid(int size, int mode) {
    List<String> oids = oid("2.16.840.1.101.3.4.1." + ((size - 128) / 64 * 20 + mode));
    return switch (mode) {
      case 5 -> aka("AESWrap_" + size, oids);
      case 8 -> aka("AESWrapPad_" + size, oids);
      default -> oids;
    };
  }

  /**
   * Registers one service. The implementation class name shown by {@code getClassName()} is taken
   * from one instance made here (SPI constructors do no I/O and keep no resources).
   */
  private void put(
      String type,
      String algorithm,
      Supplier<Object> factory,
      List<String> aliases,
      Map<String, String> attributes) {
    String className = factory.get().getClass().getName();
    putService(new VaultService(this, type, algorithm, className, aliases, attributes, factory));
  }

  /**
   * Hands the SPIs their collaborators (the provider's lazily resolved vault access) instead of
   * letting the JDK call a no-arg constructor by reflection.
   */
  private static final class VaultService extends Provider.Service {
    private final Supplier<Object> factory;

    VaultService(
        Provider provider,
        String type,
        String algorithm,
        String className,
        List<String> aliases,
        Map<String, String> attributes,
        Supplier<Object> factory) {
      super(provider, type, algorithm, className, aliases, attributes);
      this.factory = factory;
    }

    @Override
    public Object newInstance(Object constructorParameter) {
      if (constructorParameter != null) {
        throw new InvalidParameterException(
            getType()
                + "."
                + getAlgorithm()
                + " in KeyBridge takes no constructor parameter, got "
                + constructorParameter.getClass().getName());
      }
      return factory.get();
    }
  }
}
