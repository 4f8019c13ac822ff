package dev.keybridge.localvault.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * An attestation authority for Secure Key Release tests, outside the vault: an RSA key whose JWKS
 * every {@link LocalVaultExtension} vault trusts for {@link #URL} (as {@code serve
 * --attestation-authority URL=JWKS_FILE} would). {@link #sign} makes RS256 attestation tokens.
 */
public final class TestAttestationAuthority {
  /** The authority URL release policies of tests name. */
  public static final String URL = "https://attest.keybridge.test";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static TestAttestationAuthority shared;

  private final KeyPair pair;
  private final Path jwksFile;

  private TestAttestationAuthority(KeyPair pair, Path jwksFile) {
    this.pair = pair;
    this.jwksFile = jwksFile;
  }

  /** The authority of this test JVM (one key, created on first use). */
  public static synchronized TestAttestationAuthority shared() {
    if (shared == null) {
      shared = create();
    }
    return shared;
  }

  /** A new authority with its own key (e.g. one the vault does not trust). */
  public static TestAttestationAuthority create() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair pair = g.generateKeyPair();
      RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
      ObjectNode jwks = JSON.createObjectNode();
      ObjectNode k = jwks.putArray("keys").addObject();
      k.put("kty", "RSA").put("kid", "test-attestation").put("alg", "RS256");
      k.put("n", b64url(pub.getModulus())).put("e", b64url(pub.getPublicExponent()));
      Path file = Files.createTempFile("attestation-jwks-", ".json");
      file.toFile().deleteOnExit();
      Files.write(file, JSON.writeValueAsBytes(jwks));
      return new TestAttestationAuthority(pair, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JWKS file with this authority's public key. */
  public Path jwksFile() {
    return jwksFile;
  }

  /**
   * An RS256 attestation token of {@code claims} (a JSON object); {@code iss} defaults to {@link
   * #URL}, {@code exp} to one hour from now.
   */
  public String sign(String claims) {
    try {
      ObjectNode c = (ObjectNode) JSON.readTree(claims);
      if (!c.has("iss")) {
        c.put("iss", URL);
      }
      if (!c.has("exp")) {
        c.put("exp", System.currentTimeMillis() / 1000 + 3600);
      }
      String input =
          B64URL.encodeToString(
                  "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"test-attestation\"}"
                      .getBytes(StandardCharsets.UTF_8))
              + "."
              + B64URL.encodeToString(JSON.writeValueAsBytes(c));
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(pair.getPrivate());
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64URL.encodeToString(s.sign());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code x-ms-runtime.keys[0]} JWK members of an RSA runtime key: {@code "n":..,"e":..}. */
  public static String runtimeJwkMembers(RSAPublicKey key) {
    return "\"kty\":\"RSA\",\"n\":\""
        + b64url(key.getModulus())
        + "\",\"e\":\""
        + b64url(key.getPublicExponent())
        + "\"";
  }

  private static String b64url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return B64URL.encodeToString(bytes);
  }
}
