package dev.keybridge.localvault.crypto;

import dev.keybridge.localvault.VaultError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The storage form of {@link KeyMaterial}: a binary JWK. Layout: magic {@code KBKM}, format version
 * 1, kty (modified UTF-8), member count, then per member its JWK name and its bytes (unsigned
 * big-endian; EC values padded to the curve size; {@code crv} as UTF-8). Deserializing rebuilds the
 * same objects as an import, with the algebraic consistency checks but without the RSA pairwise
 * test (the material was validated when first created).
 */
final class KeyMaterialFormat {
  private static final byte[] MAGIC = {'K', 'B', 'K', 'M'};
  private static final int VERSION = 1;
  private static final Set<String> KNOWN =
      Set.of("n", "e", "d", "p", "q", "dp", "dq", "qi", "crv", "x", "y", "k");

  private KeyMaterialFormat() {}

  /** Public JWK members as strings: n, e or crv, x, y; none for oct. */
  static Map<String, String> publicMembers(KeyMaterial key) {
    return asJwkStrings(members(key, false));
  }

  /** Every JWK member as strings, private ones included. */
  static Map<String, String> allMembers(KeyMaterial key) {
    return asJwkStrings(members(key, true));
  }

  static byte[] serialize(KeyMaterial key) {
    Map<String, byte[]> members = members(key, true);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.write(MAGIC);
      out.writeByte(VERSION);
      out.writeUTF(key.kty());
      out.writeByte(members.size());
      for (Map.Entry<String, byte[]> member : members.entrySet()) {
        out.writeUTF(member.getKey());
        out.writeShort(member.getValue().length);
        out.write(member.getValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write to a byte array", e);
    }
    return buffer.toByteArray();
  }

  static KeyMaterial deserialize(byte[] bytes) {
    Map<String, byte[]> members = new LinkedHashMap<>();
    String kty;
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IllegalArgumentException("Not serialized key material (bad magic)");
      }
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("Unsupported key material format version " + version);
      }
      kty = in.readUTF();
      int count = in.readUnsignedByte();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        byte[] value = new byte[in.readUnsignedShort()];
        in.readFully(value);
        if (!KNOWN.contains(name) || members.put(name, value) != null) {
          throw new IllegalArgumentException("Unknown or repeated key material member " + name);
        }
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("Trailing bytes after serialized key material");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Truncated serialized key material", e);
    }
    byte[] crv = members.get("crv");
    try {
      return KeyMaterial.fromMembers(
          kty,
          crv == null ? null : new String(crv, StandardCharsets.UTF_8),
          members::get,
          false,
          false);
    } catch (VaultError e) {
      throw new IllegalArgumentException("Serialized key material is invalid: " + e.getMessage());
    }
  }

  private static Map<String, byte[]> members(KeyMaterial key, boolean withPrivate) {
    Map<String, byte[]> members = new LinkedHashMap<>();
    if (key.isRsa()) {
      RSAPublicKey pub = key.rsa().publicKey();
      members.put("n", Jwk.unsignedBytes(pub.getModulus()));
      members.put("e", Jwk.unsignedBytes(pub.getPublicExponent()));
      RSAPrivateCrtKey priv = key.rsa().privateKey();
      if (withPrivate && priv != null) {
        putUnsigned(members, "d", priv.getPrivateExponent());
        putUnsigned(members, "p", priv.getPrimeP());
        putUnsigned(members, "q", priv.getPrimeQ());
        putUnsigned(members, "dp", priv.getPrimeExponentP());
        putUnsigned(members, "dq", priv.getPrimeExponentQ());
        putUnsigned(members, "qi", priv.getCrtCoefficient());
      }
    } else if (key.isEc()) {
      EcCurve curve = key.ec().curve();
      int size = curve.coordinateBytes();
      members.put("crv", curve.jwkName().getBytes(StandardCharsets.UTF_8));
      members.put("x", Jwk.unsignedBytes(key.ec().x(), size));
      members.put("y", Jwk.unsignedBytes(key.ec().y(), size));
      if (withPrivate && key.ec().d() != null) {
        members.put("d", Jwk.unsignedBytes(key.ec().d(), size));
      }
    } else if (withPrivate) {
      members.put("k", key.octKey().clone());
    }
    return members;
  }

  private static void putUnsigned(Map<String, byte[]> members, String name, BigInteger value) {
    members.put(name, Jwk.unsignedBytes(value));
  }

  private static Map<String, String> asJwkStrings(Map<String, byte[]> members) {
    Map<String, String> strings = new LinkedHashMap<>();
    members.forEach(
        (name, value) ->
            strings.put(
                name,
                name.equals("crv")
                    ? new String(value, StandardCharsets.UTF_8)
                    : Jwk.encode(value)));
    return strings;
  }
}
