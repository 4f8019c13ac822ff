package dev.keybridge.management.keys;

import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one rule for a key's size, which the AES algorithm names (A128GCM, A256KW, ...) depend on.
 * Azure reports the size of RSA keys and of oct-HSM keys as {@code attributes.key_size} from
 * api-version 2025-07-01 on (not at 7.6), the api-version keybridge reads keys at; a key made by
 * any tool carries it. Where the vault does not report it, an oct key's size is the tag {@value
 * #TAG} that keybridge writes when it creates or imports one (the facade, the CLI, the KeyStore and
 * the KeyGenerator alike), and {@value #DEFAULT_OCT_BITS} bits (the Managed HSM default) without
 * that tag.
 */
public final class KeySizes {
  /** The tag recording an oct key's size in bits: {@code "128"}, {@code "192"}, {@code "256"}. */
  public static final String TAG = "keybridge-key-size";

  /** The size taken for an oct key the vault reports no size for and that has no {@link #TAG}. */
  public static final int DEFAULT_OCT_BITS = 256;

  private KeySizes() {}

  /**
   * The size in bits of an oct key: {@code reported} ({@code attributes.key_size}) when the vault
   * gave it, else the {@link #TAG} tag, else {@link #DEFAULT_OCT_BITS}.
   *
   * @throws IllegalArgumentException when the tag is not a number
   */
  public static int octBits(Integer reported, Map<String, String> tags) {
    if (reported != null && reported > 0) {
      return reported;
    }
    String value = tags == null ? null : tags.get(TAG);
    if (value == null) {
      return DEFAULT_OCT_BITS;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid tag " + TAG + "=" + value, e);
    }
  }

  /**
   * The tags to send with a create or import of a key of {@code type}: {@code tags} plus, for oct
   * keys of known size, {@link #TAG} (for vaults that do not report {@code key_size}).
   */
  public static Map<String, String> tagged(Map<String, String> tags, KeyType type, Integer bits) {
    boolean oct = KeyType.OCT.equals(type) || KeyType.OCT_HSM.equals(type);
    if (!oct || bits == null) {
      return tags;
    }
    Map<String, String> result = tags == null ? new LinkedHashMap<>() : new LinkedHashMap<>(tags);
    result.put(TAG, Integer.toString(bits));
    return result;
  }

  /** The size in bits of the oct key material of an import JWK, or null when it has none. */
  public static Integer octBits(JsonWebKey jwk) {
    return jwk.getK() == null ? null : jwk.getK().length * 8;
  }
}
