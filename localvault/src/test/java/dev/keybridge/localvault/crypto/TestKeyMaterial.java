package dev.keybridge.localvault.crypto;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generated keys shared by the test classes of one JVM: RSA generation (4096 bits above all) is
 * slow, so each size is generated once.
 */
final class TestKeyMaterial {
  private static final Map<String, KeyMaterial> CACHE = new ConcurrentHashMap<>();

  private TestKeyMaterial() {}

  static KeyMaterial rsa(int bits) {
    return CACHE.computeIfAbsent(
        "RSA" + bits, name -> KeyMaterial.generate("RSA", bits, null, null));
  }

  static KeyMaterial ec(String crv) {
    return CACHE.computeIfAbsent("EC" + crv, name -> KeyMaterial.generate("EC", null, null, crv));
  }

  static KeyMaterial oct(int bits) {
    return CACHE.computeIfAbsent(
        "oct" + bits, name -> KeyMaterial.generate("oct-HSM", bits, null, null));
  }
}
