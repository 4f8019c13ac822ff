package dev.keybridge.cli.serve;

import dev.keybridge.localvault.network.FaultRates;
import dev.keybridge.localvault.network.Latency;
import dev.keybridge.localvault.network.NetworkConditions;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The network simulation flags of {@code serve} (and {@code demo --latency}): every value is
 * checked while the command line is parsed, so a wrong one is a usage error (exit 2) and nothing
 * starts.
 */
public final class NetworkOptions {
  @Option(
      names = "--latency",
      paramLabel = "MS[:JITTER]",
      converter = LatencyConverter.class,
      description =
          "Delay every answer by MS milliseconds, plus or minus up to JITTER (e.g. 20:5), like a"
              + " vault across a WAN.")
  Latency latency = Latency.NONE;

  @Option(
      names = "--faults",
      paramLabel = "SPEC",
      converter = FaultsConverter.class,
      description =
          "Inject random faults by rate, e.g. 503=10%%,429=5%%,reset=1%%,stall=1%%. Faults: 500,"
              + " 503 (Key Vault error bodies), 429 (Throttled, with Retry-After), reset (connection"
              + " closed without an answer), stall (answer held back --stall-ms).")
  FaultRates faults = FaultRates.NONE;

  @Option(
      names = "--retry-after",
      paramLabel = "SECONDS",
      defaultValue = "1",
      converter = SecondsConverter.class,
      description = "Retry-After of an injected 429, in seconds (default ${DEFAULT-VALUE}).")
  Duration retryAfter = NetworkConditions.DEFAULT_RETRY_AFTER;

  @Option(
      names = "--stall-ms",
      paramLabel = "MS",
      defaultValue = "30000",
      converter = StallConverter.class,
      description = "How long a stall fault holds the answer back (default ${DEFAULT-VALUE} ms).")
  Duration stall = NetworkConditions.DEFAULT_STALL;

  @Option(
      names = "--faults-skip-auth",
      description = "Never inject faults into the token and discovery endpoints.")
  boolean faultsSkipAuth;

  @Option(
      names = "--throttle",
      description =
          "Enforce Key Vault's documented service limits (transactions per 10 s by operation and"
              + " key type) with 429 Throttled and Retry-After.")
  boolean throttle;

  /** The conditions these flags describe. */
  public NetworkConditions conditions() {
    return new NetworkConditions(latency, faults, retryAfter, stall, faultsSkipAuth, throttle);
  }

  public static final class LatencyConverter implements ITypeConverter<Latency> {
    @Override
    public Latency convert(String value) {
      return parsed(value, Latency::parse);
    }
  }

  static final class FaultsConverter implements ITypeConverter<FaultRates> {
    @Override
    public FaultRates convert(String value) {
      return parsed(value, FaultRates::parse);
    }
  }

  /** The parser's value; its IllegalArgumentException becomes picocli's usage error. */
  private static <T> T parsed(String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  static final class SecondsConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      long seconds = wholeNumber(value, "retry-after", 0, 3600);
      return Duration.ofSeconds(seconds);
    }
  }

  static final class StallConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Duration.ofMillis(wholeNumber(value, "stall-ms", 1, 3_600_000));
    }
  }

  private static long wholeNumber(String value, String flag, long min, long max) {
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException(flag + " '" + value + "' is not a whole number");
    }
    if (parsed < min || parsed > max) {
      throw new TypeConversionException(flag + " " + parsed + " is outside " + min + " to " + max);
    }
    return parsed;
  }
}
