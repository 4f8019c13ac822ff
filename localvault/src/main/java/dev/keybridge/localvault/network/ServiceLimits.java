package dev.keybridge.localvault.network;

import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.keys.KeyRecord;
import dev.keybridge.localvault.keys.KeyRepository;
import dev.keybridge.localvault.keys.KeyVersion;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Key Vault's documented service limits ({@code --throttle}): transactions per vault in any 10
 * seconds, as published in "Azure Key Vault service limits"
 * (https://learn.microsoft.com/azure/key-vault/general/service-limits, resource type vault):
 *
 * <pre>
 * key type        HSM create  HSM other  software create  software other
 * RSA 2048             10       2,000          20              4,000
 * RSA 3072             10         500          20              1,000
 * RSA 4096             10         250          20                500
 * EC (all curves)      10       2,000          20              4,000
 * secrets: create 300, all other transactions 4,000
 * </pre>
 *
 * As the page says, the thresholds are weighted and enforced on their sum: every key transaction
 * costs {@code 4000 / its limit} units of one budget of 4,000 (an RSA 4096 software sign costs 8,
 * an RSA 2048 HSM sign 2); key creations (create, import, rotate) cost {@code 20 / limit} units of
 * a budget of 20. Secret creations have a budget of 300, and every other transaction (secrets,
 * certificates, listing, deleted objects) one of 4,000. Answers of 429 do not count, as in Key
 * Vault. Keys of a Managed HSM-flavoured vault count as HSM keys. Token requests are not limited.
 */
final class ServiceLimits {
  private final SlidingWindow keyTransactions = new SlidingWindow("key transactions", 4000);
  private final SlidingWindow keyCreations = new SlidingWindow("key creations", 20);
  private final SlidingWindow secretCreations = new SlidingWindow("secret creations", 300);
  private final SlidingWindow otherTransactions = new SlidingWindow("vault transactions", 4000);
  private final KeyRepository keys;
  private final boolean allHsm;
  private final LongSupplier clockMillis;

  ServiceLimits(KeyRepository keys, boolean allHsm, LongSupplier clockMillis) {
    this.keys = keys;
    this.allHsm = allHsm;
    this.clockMillis = clockMillis;
  }

  /** A throttled request's budget and Retry-After, or null when the request is admitted. */
  Throttled admit(VaultRequest request) {
    List<String> s = request.segments();
    String method = request.method();
    String resource = s.isEmpty() ? "" : s.get(0).toLowerCase(Locale.ROOT);
    SlidingWindow window;
    long weight;
    if (resource.equals("keys") && s.size() >= 2 && isKeyCreation(method, s)) {
      window = keyCreations;
      weight = isHsmCreation(request) ? 2 : 1;
    } else if (resource.equals("keys")) {
      window = keyTransactions;
      weight = s.size() >= 2 ? keyWeight(s) : 1;
    } else if (resource.equals("secrets") && s.size() == 2 && method.equals("PUT")) {
      window = secretCreations;
      weight = 1;
    } else {
      window = otherTransactions;
      weight = 1;
    }
    long retryAfter = window.tryAcquire(weight, clockMillis.getAsLong());
    return retryAfter == 0 ? null : new Throttled(window.name(), window.limit(), retryAfter);
  }

  private static boolean isKeyCreation(String method, List<String> s) {
    return (method.equals("POST")
            && s.size() == 3
            && (s.get(2).equals("create") || s.get(2).equals("rotate")))
        || (method.equals("PUT") && s.size() == 2);
  }

  private boolean isHsmCreation(VaultRequest request) {
    if (allHsm) {
      return true;
    }
    try {
      String kty = request.jsonOrEmpty().string("kty");
      return kty != null && kty.toUpperCase(Locale.ROOT).endsWith("-HSM");
    } catch (RuntimeException malformed) {
      return false; // the route answers the malformed body itself
    }
  }

  /** 4000 / the key's documented limit: 1 for RSA 2048 and EC software keys, up to 16. */
  private long keyWeight(List<String> s) {
    Optional<KeyRecord> record = keys.active(s.get(1));
    if (record.isEmpty()) {
      return 1;
    }
    String version = s.size() >= 3 && s.get(2).length() == 32 ? s.get(2) : "";
    KeyVersion key = record.get().version(version).orElse(record.get().latest());
    boolean hsm = allHsm || key.kty().toUpperCase(Locale.ROOT).endsWith("-HSM");
    long weight = 1;
    if (key.material().isRsa()) {
      int bits = key.material().keySize();
      weight = bits >= 4096 ? 8 : bits >= 3072 ? 4 : 1;
    }
    return hsm ? weight * 2 : weight;
  }

  /** Why a request was throttled. */
  record Throttled(String budget, long limit, long retryAfterSeconds) {}
}
