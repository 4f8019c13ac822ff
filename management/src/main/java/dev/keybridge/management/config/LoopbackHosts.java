package dev.keybridge.management.config;

import java.util.Locale;

/**
 * Which hosts count as loopback: {@code localhost}, 127.0.0.0/8 and ::1, decided from the name
 * alone (no DNS lookup). Only for these are the Key Vault challenge-resource check and MSAL
 * instance discovery relaxed; every other host keeps them on.
 */
public final class LoopbackHosts {
  private LoopbackHosts() {}

  /** True for {@code localhost}, a 127.x.y.z literal or {@code ::1} (bracketed or not). */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    return h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
