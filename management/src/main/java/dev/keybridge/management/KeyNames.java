package dev.keybridge.management;

import java.util.regex.Pattern;

/**
 * The one check of key and certificate names and versions before they go into a URL or a request:
 * the facade, the key generators' parameter spec and {@link
 * dev.keybridge.management.keys.KeyOptions}' requests use it.
 */
public final class KeyNames {
  private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");
  private static final Pattern VERSION = Pattern.compile("[0-9a-zA-Z]{1,64}");

  private KeyNames() {}

  /**
   * @return {@code name}
   * @throws IllegalArgumentException unless it is 1 to 127 letters, digits and dashes
   */
  public static String name(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid name '" + name + "': 1 to 127 letters, digits and dashes");
    }
    return name;
  }

  /**
   * A version, or null for the latest.
   *
   * @throws IllegalArgumentException unless null or 1 to 64 letters and digits
   */
  public static String version(String version) {
    if (version != null && !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("invalid version '" + version + "'");
    }
    return version;
  }
}
