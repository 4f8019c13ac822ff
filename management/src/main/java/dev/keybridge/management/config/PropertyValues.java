package dev.keybridge.management.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and checking of property values; every failure names the property. */
final class PropertyValues {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private PropertyValues() {}

  static IllegalArgumentException invalid(KeyVaultProperty property, String problem) {
    return new IllegalArgumentException(property.propertyName() + ": " + problem);
  }

  /** An https URL with a host and no path, query or fragment; returned without trailing slash. */
  static URI httpsBaseUrl(KeyVaultProperty property, String value, String example) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw invalid(property, "malformed URL '" + value + "' (" + e.getReason() + ")");
    }
    if (!uri.isAbsolute() || uri.getScheme() == null) {
      throw invalid(property, "malformed URL '" + value + "': expected e.g. " + example);
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      throw invalid(property, "malformed URL '" + value + "': the scheme must be https");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalid(property, "malformed URL '" + value + "': no host name");
    }
    String path = uri.getRawPath();
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw invalid(property, "malformed URL '" + value + "': no user, query or fragment allowed");
    }
    if (property == KeyVaultProperty.VAULT_URL
        && path != null
        && !path.isEmpty()
        && !"/".equals(path)) {
      throw invalid(property, "malformed URL '" + value + "': a vault URL has no path");
    }
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }

  static int integer(KeyVaultProperty property, String value, int min, int max) {
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw invalid(property, "not a whole number: '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw invalid(property, parsed + " is out of range " + min + " to " + max);
    }
    return parsed;
  }

  /** ISO-8601 ({@code PT10S}) or a short form ({@code 500ms}, {@code 10s}, {@code 5m}, ...). */
  static Duration duration(KeyVaultProperty property, String value, boolean zeroAllowed) {
    String text = value.trim();
    Duration parsed;
    Matcher shortForm = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
    if (shortForm.matches()) {
      long amount = Long.parseLong(shortForm.group(1));
      parsed =
          switch (shortForm.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
    } else {
      try {
        parsed = Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw invalid(
            property, "not a duration: '" + value + "' (use ISO-8601 like PT10S, or 10s, 500ms)");
      }
    }
    if (parsed.isNegative() || (!zeroAllowed && parsed.isZero())) {
      throw invalid(property, "must be " + (zeroAllowed ? "zero or more" : "positive"));
    }
    return parsed;
  }

  /** An absolute path, resolved against {@code base} when relative. */
  static Path path(KeyVaultProperty property, String value, Path base, boolean mustExist) {
    Path path;
    try {
      path = Path.of(value.trim());
    } catch (RuntimeException e) {
      throw invalid(property, "not a valid path: '" + value + "'");
    }
    if (!path.isAbsolute() && base != null) {
      path = base.resolve(path);
    }
    path = path.toAbsolutePath().normalize();
    if (mustExist && !Files.isRegularFile(path)) {
      throw invalid(property, "file not found: " + path);
    }
    if (mustExist && !Files.isReadable(path)) {
      throw invalid(property, "file not readable: " + path);
    }
    return path;
  }
}
