package dev.keybridge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The provider module's public API is what a user names: the provider, the generator parameter
 * spec, and one final factory class per SPI package that the provider's table calls. Every SPI is
 * package-private (the KeyStore's too, made by {@code KeyVaultKeyStore.spi}), so a new public SPI
 * (or a public helper) fails here. Read from the module's class files, so nothing is left out by
 * hand.
 */
class ProviderPublicApiTest {
  private static final Set<String> PUBLIC_TYPES =
      Set.of(
          "dev.keybridge.provider.KeyBridgeProvider",
          "dev.keybridge.provider.keygen.VaultKeyGenParameterSpec",
          "dev.keybridge.provider.keygen.VaultKeyGenParameterSpec$Builder",
          "dev.keybridge.provider.keygen.KeyGenServices",
          "dev.keybridge.provider.signature.SignatureServices",
          "dev.keybridge.provider.cipher.CipherServices",
          "dev.keybridge.provider.random.RandomServices");

  private static final Set<String> FACTORIES =
      Set.of(
          "dev.keybridge.provider.keygen.KeyGenServices",
          "dev.keybridge.provider.signature.SignatureServices",
          "dev.keybridge.provider.cipher.CipherServices",
          "dev.keybridge.provider.random.RandomServices");

  @Test
  void theModulesPublicTypesAreExactlyTheExpectedOnes() throws Exception {
    Set<String> all = classNames();
    assertThat(all)
        .as("the class files were found")
        .contains(
            "dev.keybridge.provider.KeyBridgeProvider",
            "dev.keybridge.provider.signature.EcdsaSignature");
    Set<String> accessible = new TreeSet<>();
    for (String name : all) {
      if (isAccessible(Class.forName(name, false, getClass().getClassLoader()))) {
        accessible.add(name);
      }
    }
    assertThat(accessible).containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES);
  }

  @Test
  void theFactoriesAreFinalWithoutPublicConstructors() throws Exception {
    for (String name : FACTORIES) {
      Class<?> factory = Class.forName(name);
      assertThat(Modifier.isFinal(factory.getModifiers())).as(name).isTrue();
      assertThat(factory.getConstructors()).as(name).isEmpty();
    }
  }

  @Test
  void everyRegisteredImplementationIsPackagePrivate() throws Exception {
    Provider provider = new KeyBridgeProvider();
    Map<String, Boolean> publicByClass = new TreeMap<>();
    for (Provider.Service service : provider.getServices()) {
      String className = service.getClassName();
      publicByClass.put(className, isAccessible(Class.forName(className)));
    }
    assertThat(publicByClass)
        .containsKey("dev.keybridge.keystore.VaultKeyStoreSpi")
        .hasSizeGreaterThan(10)
        .doesNotContainValue(true);
  }

  /** Public, and every enclosing class public too (else no one outside the package can name it). */
  private static boolean isAccessible(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return !type.isAnonymousClass() && !type.isLocalClass() && !type.isSynthetic();
  }

  /** Every class of the module, from its classes folder or jar. */
  private static Set<String> classNames() throws IOException, URISyntaxException {
    Path location =
        Path.of(
            KeyBridgeProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(location)) {
      return classNames(location);
    }
    try (FileSystem jar = FileSystems.newFileSystem(location)) {
      return classNames(jar.getPath("/"));
    }
  }

  private static Set<String> classNames(Path root) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root.resolve("dev/keybridge/provider"))) {
      files
          .map(root::relativize)
          .map(Path::toString)
          .filter(file -> file.endsWith(".class") && !file.endsWith("package-info.class"))
          .forEach(
              file -> names.add(file.replace('/', '.').replace('\\', '.').replace(".class", "")));
    }
    return names;
  }
}
