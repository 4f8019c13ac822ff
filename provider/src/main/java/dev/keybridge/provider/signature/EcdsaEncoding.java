package dev.keybridge.provider.signature;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Converts Key Vault's raw ECDSA signatures (r||s, each left-padded to the field size) into the
 * ASN.1 DER {@code SEQUENCE {INTEGER r, INTEGER s}} the JCA {@code SHA256withECDSA} names produce.
 */
final class EcdsaEncoding {
  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;

  private EcdsaEncoding() {}

  /** Raw r||s (even length) to DER. */
  static byte[] rawToDer(byte[] raw) {
    int half = raw.length / 2;
    byte[] r = derInteger(Arrays.copyOfRange(raw, 0, half));
    byte[] s = derInteger(Arrays.copyOfRange(raw, half, raw.length));
    ByteArrayOutputStream out = new ByteArrayOutputStream(r.length + s.length + 3);
    out.write(SEQUENCE);
    writeLength(out, r.length + s.length);
    out.writeBytes(r);
    out.writeBytes(s);
    return out.toByteArray();
  }

  /** An unsigned big-endian value as a minimal DER INTEGER (tag, length, contents). */
  private static byte[] derInteger(byte[] unsigned) {
    int start = 0;
    while (start < unsigned.length - 1 && unsigned[start] == 0) {
      start++;
    }
    boolean needsZero = (unsigned[start] & 0x80) != 0;
    int contentLength = unsigned.length - start + (needsZero ? 1 : 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream(contentLength + 3);
    out.write(INTEGER);
    writeLength(out, contentLength);
    if (needsZero) {
      out.write(0);
    }
    out.write(unsigned, start, unsigned.length - start);
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    }
  }
}
