package dev.keybridge.localvault.network;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Fault rates of {@code --faults}, e.g. {@code 503=10%,429=5%,reset=1%,stall=1%}: each request gets
 * at most one fault, drawn with these probabilities. Immutable.
 */
public final class FaultRates {
  /** No faults. */
  public static final FaultRates NONE = new FaultRates(new EnumMap<>(Fault.class));

  private final Map<Fault, Double> rates;

  private FaultRates(Map<Fault, Double> rates) {
    this.rates = Collections.unmodifiableMap(new EnumMap<>(rates));
  }

  /**
   * Parses {@code NAME=RATE[,NAME=RATE...]} where RATE is a percentage ({@code 10%}, {@code 0.5%})
   * or a fraction ({@code 0.1}).
   *
   * @throws IllegalArgumentException naming the part that is wrong: an unknown fault, a rate
   *     outside 0-100 %, a fault given twice or rates adding up to more than 100 %
   */
  public static FaultRates parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return NONE;
    }
    Map<Fault, Double> rates = new EnumMap<>(Fault.class);
    double total = 0;
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "fault '" + part.trim() + "' has no rate (expected NAME=RATE, e.g. 503=10%)");
      }
      Fault fault = Fault.fromSpecName(part.substring(0, eq));
      double rate = rate(part.substring(eq + 1).trim(), fault);
      if (rates.put(fault, rate) != null) {
        throw new IllegalArgumentException("fault " + fault.specName() + " is given twice");
      }
      total += rate;
    }
    if (total > 1.0 + 1e-9) {
      throw new IllegalArgumentException(
          "the fault rates add up to " + percent(total) + ", more than 100%");
    }
    return new FaultRates(rates);
  }

  private static double rate(String text, Fault fault) {
    boolean percent = text.endsWith("%");
    String number = percent ? text.substring(0, text.length() - 1).trim() : text;
    double value;
    try {
      value = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "fault " + fault.specName() + ": rate '" + text + "' is not a number (e.g. 10% or 0.1)");
    }
    double fraction = percent ? value / 100 : value;
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "fault " + fault.specName() + ": rate '" + text + "' is outside 0% to 100%");
    }
    return fraction;
  }

  /** The probability of {@code fault}, 0 when not configured. */
  public double rate(Fault fault) {
    return rates.getOrDefault(fault, 0.0);
  }

  public boolean isEmpty() {
    return rates.values().stream().allMatch(r -> r == 0);
  }

  /**
   * The fault for a uniform draw {@code u} in [0, 1): the faults' rates are laid end to end; null
   * when {@code u} falls past them.
   */
  public Fault pick(double u) {
    double edge = 0;
    for (Map.Entry<Fault, Double> entry : rates.entrySet()) {
      edge += entry.getValue();
      if (u < edge) {
        return entry.getKey();
      }
    }
    return null;
  }

  private static String percent(double fraction) {
    return String.format(java.util.Locale.ROOT, "%.4g%%", fraction * 100);
  }

  @Override
  public String toString() {
    StringJoiner text = new StringJoiner(",");
    rates.forEach((fault, rate) -> text.add(fault.specName() + "=" + percent(rate)));
    return text.toString();
  }
}
