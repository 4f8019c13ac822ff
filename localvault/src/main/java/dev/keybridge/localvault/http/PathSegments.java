package dev.keybridge.localvault.http;

import dev.keybridge.localvault.VaultError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict decoding of request paths and query strings. Path tricks are refused with 400
 * BadParameter: dot segments, encoded or literal backslashes, encoded slashes, control characters,
 * malformed percent escapes, invalid UTF-8.
 */
public final class PathSegments {
  private PathSegments() {}

  /** Splits {@code /a/b//c} into {@code [a, b, "", c]} with each segment percent-decoded. */
  public static List<String> decode(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      throw invalidPath();
    }
    if (rawPath.length() > 4096) {
      throw VaultError.badParameter("The request path is too long.");
    }
    String[] parts = rawPath.substring(1).split("/", -1);
    List<String> out = new ArrayList<>(parts.length);
    for (String raw : parts) {
      String s = percentDecode(raw, false);
      if (s.equals(".") || s.equals("..") || s.indexOf('/') >= 0 || s.indexOf('\\') >= 0) {
        throw invalidPath();
      }
      for (int i = 0; i < s.length(); i++) {
        if (Character.isISOControl(s.charAt(i))) {
          throw invalidPath();
        }
      }
      out.add(s);
    }
    // "/keys" and "/keys/" differ only for {name}/ (empty version); a lone trailing "" after a
    // collection is kept and matched by the router like any other empty segment.
    return Collections.unmodifiableList(out);
  }

  /** Decodes {@code a=1&b=%20} (first occurrence of a name wins); malformed escapes are 400. */
  public static Map<String, String> decodeQuery(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq), false);
      String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1), false);
      out.putIfAbsent(name, value);
    }
    return out;
  }

  /** Percent-decodes UTF-8; with {@code plusIsSpace} (forms) '+' becomes a space. */
  public static String percentDecode(String s, boolean plusIsSpace) {
    if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
      return s;
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw VaultError.badParameter("The request URI contains a malformed percent escape.");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw VaultError.badParameter("The request URI contains a malformed percent escape.");
        }
        buf.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        buf.write(' ');
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        buf.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buf.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw VaultError.badParameter("The request URI is not valid UTF-8.");
    }
  }

  private static VaultError invalidPath() {
    return VaultError.badParameter("The request path is invalid.");
  }
}
