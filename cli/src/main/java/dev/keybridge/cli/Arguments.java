package dev.keybridge.cli;

import static java.util.stream.Collectors.joining;

import com.azure.security.keyvault.keys.models.KeyOperation;
import dev.keybridge.management.keys.KeyOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for option values shared by several commands. */
public final class Arguments {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([smhdy])");

  private Arguments() {}

  /**
   * A point in time: an ISO instant ({@code 2027-01-31T12:00:00Z}), a date ({@code 2027-01-31},
   * midnight UTC), or a duration from now ({@code P90D}, {@code PT12H}, {@code 90d}, {@code 1y}).
   */
  public static final class TimeConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      String v = value.trim();
      try {
        if (v.startsWith("P") || v.startsWith("p")) {
          return Instant.now().plus(isoDuration(v));
        }
        Matcher shorthand = SHORT_DURATION.matcher(v.toLowerCase(Locale.ROOT));
        if (shorthand.matches()) {
          long amount = Long.parseLong(shorthand.group(1));
          Duration duration =
              switch (shorthand.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(365 * amount);
              };
          return Instant.now().plus(duration);
        }
        if (v.length() == 10) {
          return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return Instant.parse(v);
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a time: use 2027-01-31T12:00:00Z, 2027-01-31, P90D or 90d");
      }
    }

    private static Duration isoDuration(String v) {
      String upper = v.toUpperCase(Locale.ROOT);
      // Duration.parse has no years or months; Key Vault policies use P1Y / P3M too
      Matcher dateOnly = Pattern.compile("P(\\d+)([YMWD])").matcher(upper);
      if (dateOnly.matches()) {
        long n = Long.parseLong(dateOnly.group(1));
        return switch (dateOnly.group(2)) {
          case "Y" -> Duration.ofDays(365 * n);
          case "M" -> Duration.ofDays(30 * n);
          case "W" -> Duration.ofDays(7 * n);
          default -> Duration.ofDays(n);
        };
      }
      return Duration.parse(upper);
    }
  }

  /** A key operation name, case-insensitive: encrypt, decrypt, sign, verify, wrapKey, ... */
  public static final class OperationConverter implements ITypeConverter<KeyOperation> {
    @Override
    public KeyOperation convert(String value) {
      for (KeyOperation operation : KeyOptions.OPERATIONS) {
        if (operation.toString().equalsIgnoreCase(value.trim())) {
          return operation;
        }
      }
      throw new TypeConversionException(
          "unknown key operation '"
              + value
              + "'; use "
              + KeyOptions.OPERATIONS.stream().map(KeyOperation::toString).collect(joining(", ")));
    }
  }
}
