package dev.keybridge.cli.output;

import java.util.Base64;

/** PEM text of DER structures (public keys, certificates, CSRs). */
public final class Pem {
  private Pem() {}

  /** {@code -----BEGIN type-----}, base64 in 64-character lines, {@code -----END type-----}. */
  public static String encode(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
