package dev.keybridge.provider.random;

import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.crypto.VaultCrypto;
import java.security.ProviderException;
import java.security.SecureRandomSpi;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * {@code SecureRandom.getInstance("AzureKeyVaultRng", "KeyBridge")}: random bytes from the HSM's
 * generator ({@code POST /rng}, Managed HSM). Every call fetches 128 bytes, the service's limit,
 * into a buffer that serves the requests: n bytes cost at most ceil(n/128) calls, and small
 * requests ({@code nextInt}) share one call. Thread-safe (the service is registered with {@code
 * ThreadSafe=true}): one lock guards the buffer.
 *
 * <p>{@link #engineSetSeed} is ignored: the HSM's generator cannot be seeded by the caller, and
 * mixing caller data in is not needed for its security. {@code generateSeed} is served from the
 * same source. A vault failure is a {@link ProviderException} naming the vault error code; no
 * partial result is returned.
 */
final class VaultSecureRandom extends SecureRandomSpi {
  private static final long serialVersionUID = 1L;

  /** The most bytes {@code POST /rng} returns in one call. */
  static final int MAX_BYTES_PER_REQUEST = 128;

  private final transient Supplier<VaultCrypto> crypto;
  private final byte[] buffer = new byte[MAX_BYTES_PER_REQUEST];
  private int available;

  VaultSecureRandom(Supplier<VaultCrypto> crypto) {
    this.crypto = crypto;
  }

  /** Ignored: the HSM generator takes no caller seed (see the class comment). */
  @Override
  protected void engineSetSeed(byte[] seed) {
    // Intentionally empty.
  }

  @Override
  protected void engineNextBytes(byte[] bytes) {
    fill(bytes);
  }

  @Override
  protected byte[] engineGenerateSeed(int numBytes) {
    if (numBytes < 0) {
      throw new IllegalArgumentException("numBytes must not be negative: " + numBytes);
    }
    byte[] seed = new byte[numBytes];
    fill(seed);
    return seed;
  }

  private synchronized void fill(byte[] out) {
    int offset = 0;
    while (offset < out.length) {
      if (available == 0) {
        refill();
      }
      int take = Math.min(available, out.length - offset);
      int start = MAX_BYTES_PER_REQUEST - available;
      System.arraycopy(buffer, start, out, offset, take);
      Arrays.fill(buffer, start, start + take, (byte) 0);
      available -= take;
      offset += take;
    }
  }

  private void refill() {
    int count = MAX_BYTES_PER_REQUEST;
    byte[] fresh;
    try {
      fresh = crypto.get().randomBytes(count);
    } catch (KeyVaultException e) {
      throw new ProviderException("AzureKeyVaultRng: " + e.getMessage(), e);
    }
    if (fresh == null || fresh.length != count) {
      throw new ProviderException(
          "AzureKeyVaultRng: the vault returned "
              + (fresh == null ? "no" : fresh.length)
              + " random bytes, asked for "
              + count);
    }
    System.arraycopy(fresh, 0, buffer, MAX_BYTES_PER_REQUEST - count, count);
    available = count;
  }
}
