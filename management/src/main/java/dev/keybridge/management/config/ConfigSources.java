package dev.keybridge.management.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** Where configurations come from: properties files, system properties, the environment. */
final class ConfigSources {
  private static final String PREFIX = "keybridge.";

  private ConfigSources() {}

  static KeyVaultConfig fromFile(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new IllegalArgumentException("keybridge properties file not found: " + absolute);
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(absolute, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "keybridge properties file " + absolute + " is not UTF-8 text (a binary file?)", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read keybridge properties file " + absolute + ": " + e.getMessage(), e);
    }
    return fromProperties(properties, absolute.getParent()).build();
  }

  /** Every {@code keybridge.*} entry must be known; other entries are ignored. */
  static KeyVaultConfig.Builder fromProperties(Properties properties, Path base) {
    KeyVaultConfig.Builder builder = KeyVaultConfig.builder().baseDirectory(base);
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        builder.set(name, properties.getProperty(name));
      }
    }
    return builder;
  }

  /**
   * Per property: system property, then {@code KEYBRIDGE_*} variable, then the standard Azure
   * variable. Unknown {@code keybridge.*} system properties are ignored here: a JVM carries
   * unrelated ones (build settings) and the environment is not keybridge's alone.
   */
  static KeyVaultConfig.Builder fromEnvironment(Map<String, String> env, Properties system) {
    KeyVaultConfig.Builder builder = KeyVaultConfig.builder();
    for (KeyVaultProperty property : KeyVaultProperty.values()) {
      String value = system.getProperty(property.propertyName());
      if (isBlank(value)) {
        value = env.get(property.environmentVariable());
      }
      if (isBlank(value) && property.azureVariable().isPresent()) {
        value = env.get(property.azureVariable().get());
      }
      if (!isBlank(value)) {
        builder.set(property, value);
      }
    }
    return builder;
  }

  static KeyVaultConfig parse(String arg, Map<String, String> env, Properties system) {
    if (isBlank(arg)) {
      throw new IllegalArgumentException(
          "keybridge configuration: empty argument; give a vault URL or the path of a"
              + " keybridge.properties file");
    }
    String text = arg.trim();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      return fromEnvironment(env, system).set(KeyVaultProperty.VAULT_URL, text).build();
    }
    return fromFile(Path.of(text));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
