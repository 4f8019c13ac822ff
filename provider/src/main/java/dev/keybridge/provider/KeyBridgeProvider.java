package dev.keybridge.provider;

import dev.keybridge.keystore.KeyVaultKeyStore;
import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.keystore.key.VaultSecretKey;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.provider.cipher.CipherServices;
import dev.keybridge.provider.keygen.KeyGenServices;
import dev.keybridge.provider.random.RandomServices;
import dev.keybridge.provider.signature.SignatureServices;
import java.security.InvalidParameterException;
import java.security.Provider;
import java.security.ProviderException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
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

  /**
   * The service attribute naming the Key Vault algorithm(s) a service uses, e.g. {@code RS256} or
   * {@code A128KW / A192KW / A256KW} (alternatives by key size or curve, {@code " / "} between).
   */
  public static final String KEY_VAULT_ALGORITHM = "KeyVaultAlgorithm";

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

  /** An ECDSA service signs with the Key Vault algorithm of the key's curve. */
  private static final String ES_ANY = "ES256 / ES256K / ES384 / ES512";

  /** The whole service table: one line per service; the loop is over AES key sizes. */
  private void registerServices() {
    // Signature: the message is hashed here and only the digest is signed in the vault.
    signature(
        "SHA256withRSA", "RS256", SignatureServices::sha256WithRsa, oid("1.2.840.113549.1.1.11"));
    signature(
        "SHA384withRSA", "RS384", SignatureServices::sha384WithRsa, oid("1.2.840.113549.1.1.12"));
    signature(
        "SHA512withRSA", "RS512", SignatureServices::sha512WithRsa, oid("1.2.840.113549.1.1.13"));
    signature(
        "RSASSA-PSS",
        "PS256 / PS384 / PS512",
        SignatureServices::rsassaPss,
        aka("PSS", oid("1.2.840.113549.1.1.10")));
    signature(
        "SHA256withRSA/PSS",
        "PS256",
        SignatureServices::sha256WithRsaPss,
        List.of("SHA256withRSAandMGF1"));
    signature(
        "SHA384withRSA/PSS",
        "PS384",
        SignatureServices::sha384WithRsaPss,
        List.of("SHA384withRSAandMGF1"));
    signature(
        "SHA512withRSA/PSS",
        "PS512",
        SignatureServices::sha512WithRsaPss,
        List.of("SHA512withRSAandMGF1"));
    // ECDSA: any hash with any curve, signed with the curve's algorithm (EcdsaSignature).
    signature(
        "SHA256withECDSA", ES_ANY, SignatureServices::sha256WithEcdsa, oid("1.2.840.10045.4.3.2"));
    signature(
        "SHA384withECDSA", ES_ANY, SignatureServices::sha384WithEcdsa, oid("1.2.840.10045.4.3.3"));
    signature(
        "SHA512withECDSA", ES_ANY, SignatureServices::sha512WithEcdsa, oid("1.2.840.10045.4.3.4"));
    signature(
        "SHA256withECDSAinP1363Format",
        ES_ANY,
        SignatureServices::sha256WithEcdsaInP1363Format,
        List.of());
    signature(
        "SHA384withECDSAinP1363Format",
        ES_ANY,
        SignatureServices::sha384WithEcdsaInP1363Format,
        List.of());
    signature(
        "SHA512withECDSAinP1363Format",
        ES_ANY,
        SignatureServices::sha512WithEcdsaInP1363Format,
        List.of());

    // Cipher, RSA: decrypt/unwrap in the vault, encrypt/wrap locally with the public key.
    rsaCipher(
        "RSA/ECB/PKCS1Padding",
        "RSA1_5",
        CipherServices::rsaPkcs1,
        aka("RSA", oid("1.2.840.113549.1.1.1")));
    rsaCipher(
        "RSA/ECB/OAEPWithSHA-1AndMGF1Padding", "RSA-OAEP", CipherServices::rsaOaepSha1, List.of());
    rsaCipher(
        "RSA/ECB/OAEPWithSHA-256AndMGF1Padding",
        "RSA-OAEP-256",
        CipherServices::rsaOaepSha256,
        List.of());
    rsaCipher(
        "RSA/ECB/OAEPPadding",
        "RSA-OAEP / RSA-OAEP-256",
        CipherServices::rsaOaep,
        oid("1.2.840.113549.1.1.7"));

    // Cipher, AES (Managed HSM oct keys): every operation in the vault; without a size in the
    // name, the Key Vault algorithm follows the key's size.
    aesCipher("AES/GCM/NoPadding", aesNames("A%dGCM"), CipherServices::aesGcm, List.of());
    aesCipher(
        "AES/CBC/PKCS5Padding",
        aesNames("A%dCBCPAD"),
        CipherServices::aesCbcPkcs5Padding,
        List.of());
    aesCipher("AES/CBC/NoPadding", aesNames("A%dCBC"), CipherServices::aesCbcNoPadding, List.of());
    aesCipher(
        "AES/KW/NoPadding", aesNames("A%dKW"), CipherServices::aesKeyWrap, List.of("AESWrap"));
    aesCipher(
        "AES/KWP/NoPadding",
        "CKM_AES_KEY_WRAP_PAD",
        CipherServices::aesKeyWrapPad,
        List.of("AESWrapPad"));
    for (int size : AES_SIZES) {
      String aes = "AES_" + size;
      String vault = "A" + size;
      aesCipher(
          aes + "/GCM/NoPadding",
          vault + "GCM",
          () -> CipherServices.aesGcm(size),
          aesOid(size, 6));
      aesCipher(
          aes + "/CBC/NoPadding",
          vault + "CBC",
          () -> CipherServices.aesCbcNoPadding(size),
          aesOid(size, 2));
      aesCipher(
          aes + "/KW/NoPadding",
          vault + "KW",
          () -> CipherServices.aesKeyWrap(size),
          aesOid(size, 5));
      aesCipher(
          aes + "/KWP/NoPadding",
          "CKM_AES_KEY_WRAP_PAD",
          () -> CipherServices.aesKeyWrapPad(size),
          aesOid(size, 8));
    }

    // Key generation in the vault; the private half is a handle.
    generator(
        "KeyPairGenerator", "RSA", "RSA / RSA-HSM", () -> KeyGenServices.rsa(access::clients));
    generator("KeyPairGenerator", "EC", "EC / EC-HSM", () -> KeyGenServices.ec(access::clients));
    generator("KeyGenerator", "AES", "oct-HSM", () -> KeyGenServices.aes(access::clients));

    // Vault keys and certificates as a KeyStore; random bytes from the HSM (POST /rng).
    put(
        "KeyStore",
        KeyVaultKeyStore.TYPE,
        () -> KeyVaultKeyStore.spi(access::config),
        List.of(),
        vaultAlgorithm("keys and certificates", NONE));
    secureRandom(
        "AzureKeyVaultRng",
        this::newRandom,
        vaultAlgorithm("POST /rng", Map.of("ThreadSafe", "true")));
  }

  private Object newRandom() {
    return RandomServices.vaultRng(() -> access.clients().crypto());
  }

  // The rule: a service that takes a private or secret key accepts only keybridge's vault handles,
  // so JCA's delayed provider selection routes vault keys here and software keys elsewhere.
  private static Map<String, String> supportedKeyClasses(Class<?> handleInterface) {
    return Map.of("SupportedKeyClasses", handleInterface.getName());
  }

  /** The Key Vault algorithm(s) a row uses, {@code " / "} between alternatives. */
  private static Map<String, String> vaultAlgorithm(String names, Map<String, String> attributes) {
    Map<String, String> all = new LinkedHashMap<>(attributes);
    all.put(KEY_VAULT_ALGORITHM, names);
    return all;
  }

  /** {@code A128x / A192x / A256x} from the pattern {@code A%dx}. */
  private static String aesNames(String pattern) {
    StringJoiner names = new StringJoiner(" / ");
    for (int size : AES_SIZES) {
      names.add(String.format(Locale.ROOT, pattern, size));
    }
    return names.toString();
  }

  private void signature(
      String algorithm, String vault, Supplier<Object> factory, List<String> aliases) {
    keyService("Signature", algorithm, vault, factory, aliases, VaultPrivateKey.class);
  }

  private void rsaCipher(
      String transformation, String vault, Supplier<Object> factory, List<String> aliases) {
    keyService("Cipher", transformation, vault, factory, aliases, VaultPrivateKey.class);
  }

  private void aesCipher(
      String transformation, String vault, Supplier<Object> factory, List<String> aliases) {
    keyService("Cipher", transformation, vault, factory, aliases, VaultSecretKey.class);
  }

  /** A service that takes a vault key handle of {@code handleInterface}. */
  private void keyService(
      String type,
      String algorithm,
      String vault,
      Supplier<Object> factory,
      List<String> aliases,
      Class<?> handleInterface) {
    put(
        type,
        algorithm,
        factory,
        aliases,
        vaultAlgorithm(vault, supportedKeyClasses(handleInterface)));
  }

  /** Generators take no key; their aliases are the key algorithm's OID. */
  private void generator(String type, String algorithm, String vault, Supplier<Object> factory) {
    put(type, algorithm, factory, GENERATOR_ALIASES.get(algorithm), vaultAlgorithm(vault, NONE));
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
