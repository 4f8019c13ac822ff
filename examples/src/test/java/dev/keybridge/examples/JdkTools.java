package dev.keybridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.localvault.testing.TestCa;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The real tools of the running JDK ({@code ${java.home}/bin}) and the shaded {@code keybridge.jar}
 * they load the KeyBridge provider from, plus the files they work on.
 */
public final class JdkTools {
  /** The provider class jarsigner/keytool load with {@code -providerClass}. */
  public static final String PROVIDER_CLASS = "dev.keybridge.provider.KeyBridgeProvider";

  private JdkTools() {}

  public static String jarsigner() {
    return tool("jarsigner");
  }

  public static String keytool() {
    return tool("keytool");
  }

  public static String java() {
    return tool("java");
  }

  private static String tool(String name) {
    Path path = Path.of(System.getProperty("java.home"), "bin", name);
    assertThat(path).as("the JDK's " + name).isExecutable();
    return path.toString();
  }

  /** {@code cli/target/keybridge.jar}, passed by surefire as {@code keybridge.cli.jar}. */
  public static Path cliJar() {
    return builtJar("keybridge.cli.jar", "the shaded CLI jar (build cli first: mvn package)");
  }

  /**
   * {@code provider/target/keybridge-provider.jar}, the slim provider jar (provider, KeyStore,
   * management and their dependencies; no server, SQLite or CLI), passed by surefire as {@code
   * keybridge.provider.jar}.
   */
  public static Path providerJar() {
    return builtJar(
        "keybridge.provider.jar", "the slim provider jar (build provider first: mvn package)");
  }

  private static Path builtJar(String property, String what) {
    String configured = System.getProperty(property);
    assertThat(configured)
        .as("system property " + property + " (set by the examples pom)")
        .isNotBlank();
    Path jar = Path.of(configured).toAbsolutePath().normalize();
    assertThat(jar).as(what).isRegularFile();
    return jar;
  }

  /**
   * {@code -J-cp -J<keybridge-provider.jar> -providerClass dev.keybridge.provider.KeyBridgeProvider
   * -providerArg <properties>}: how jarsigner and keytool load a configured KeyBridge.
   */
  public static List<String> providerClassOptions(Path properties) {
    return List.of(
        "-J-cp",
        "-J" + providerJar(),
        "-providerClass",
        PROVIDER_CLASS,
        "-providerArg",
        properties.toString());
  }

  /** {@code -keystore NONE -storetype AzureKeyVault -storepass none}. */
  public static List<String> vaultKeyStoreOptions() {
    return List.of("-keystore", "NONE", "-storetype", "AzureKeyVault", "-storepass", "none");
  }

  /**
   * {@code jarsigner -verify -strict [options] -keystore trustStore} (a PKCS#12 trust store with
   * password {@code changeit}, as {@link TestCa#writeTrustStore} writes it) on {@code signed}.
   */
  public static ChildProcess.Result verifyStrict(Path signed, Path trustStore, String... options) {
    return ChildProcess.run(
        command(
            jarsigner(),
            "-verify",
            "-strict",
            List.of(options),
            "-keystore",
            trustStore,
            "-storetype",
            "PKCS12",
            "-storepass",
            "changeit",
            signed));
  }

  /** Concatenates option lists and single arguments. */
  public static List<String> command(Object... parts) {
    List<String> command = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof List<?> list) {
        list.forEach(p -> command.add(String.valueOf(p)));
      } else {
        command.add(String.valueOf(part));
      }
    }
    return command;
  }

  /**
   * A {@code java.security} override that appends KeyBridge (found by name through {@code
   * META-INF/services}) to the provider list, configured with {@code properties}: {@code
   * security.provider.N=KeyBridge <properties>}, N the first free index.
   */
  public static Path securityPropertiesWithKeyBridge(Path file, Path properties)
      throws IOException {
    int next = 1;
    while (Security.getProperty("security.provider." + next) != null) {
      next++;
    }
    String line = "security.provider." + next + "=KeyBridge " + properties + "\n";
    Files.writeString(file, line, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * A copy of a vault's {@code keybridge.properties} with some properties replaced, e.g. another
   * registered client ({@code keybridge.auth.client-id}/{@code -secret}) or another URL.
   */
  public static Path propertiesVariant(Path original, Path copy, Map<String, String> overrides)
      throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(original)) {
      properties.load(in);
    }
    overrides.forEach(properties::setProperty);
    try (OutputStream out = Files.newOutputStream(copy)) {
      properties.store(out, "variant of " + original);
    }
    return copy;
  }

  /** A copy of {@code original} that authenticates as another registered client. */
  public static Path propertiesForClient(
      Path original, Path copy, String clientId, String clientSecret) throws IOException {
    return propertiesVariant(
        original,
        copy,
        Map.of("keybridge.auth.client-id", clientId, "keybridge.auth.client-secret", clientSecret));
  }

  /** A JAR with a manifest and the given entries, built with {@code java.util.jar}. */
  public static Path jar(Path file, Map<String, String> entries) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Created-By", "keybridge examples tests");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        out.putNextEntry(new JarEntry(entry.getKey()));
        out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return file;
  }

  /** A small JAR with two resources. */
  public static Path sampleJar(Path file) throws IOException {
    return jar(
        file,
        Map.of(
            "app/hello.txt", "hello, signed world\n",
            "app/config.properties", "mode=production\n"));
  }
}
