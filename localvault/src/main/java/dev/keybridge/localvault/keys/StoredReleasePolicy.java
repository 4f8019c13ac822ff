package dev.keybridge.localvault.keys;

import java.util.Arrays;

/**
 * A key release policy as stored: content type, immutability and the policy JSON bytes (sent and
 * returned base64url-encoded in {@code data}).
 */
public record StoredReleasePolicy(String contentType, boolean immutable, byte[] data) {
  public static final String DEFAULT_CONTENT_TYPE = "application/json; charset=utf-8";

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredReleasePolicy p
        && p.contentType.equals(contentType)
        && p.immutable == immutable
        && Arrays.equals(p.data, data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data) * 31 + contentType.hashCode() + (immutable ? 1 : 0);
  }

  @Override
  public String toString() {
    return "StoredReleasePolicy["
        + contentType
        + ", immutable="
        + immutable
        + ", "
        + data.length
        + " bytes]";
  }
}
