package dev.keybridge.localvault.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.Jwt;
import dev.keybridge.localvault.http.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The attestation authorities the vault trusts for Secure Key Release: each an issuer URL with the
 * RSA keys (from a JWKS) its attestation tokens are signed with. A release target is accepted only
 * when it is an RS256 token issued by an authority the key's release policy names, its signature
 * verifies with one of that authority's keys and it is within its {@code nbf}/{@code exp} window.
 */
public final class AttestationAuthorities {
  private final Map<String, List<Key>> authorities;

  /** A trusted key: its {@code kid} (may be null) and the public key. */
  public record Key(String kid, RSAPublicKey publicKey) {}

  private AttestationAuthorities(Map<String, List<Key>> authorities) {
    this.authorities = Map.copyOf(authorities);
  }

  /** A builder of the trusted set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The normalized form of an authority URL: lower case, without trailing slash. */
  public static String normalize(String url) {
    String s = url.trim();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.toLowerCase(Locale.ROOT);
  }

  public Set<String> urls() {
    return authorities.keySet();
  }

  /**
   * Verifies a release target for a policy that names {@code policyAuthorities}; returns its
   * claims.
   *
   * @throws VaultError 400 {@code BadParameter} for a target that is not a JWT or whose issuer no
   *     trusted authority of the policy is; 403 {@code AccessDenied} for an unsigned, wrongly
   *     signed, expired or not yet valid target
   */
  public JsonNode verify(String target, Set<String> policyAuthorities, Instant now) {
    Jwt.Parsed token;
    try {
      token = Jwt.parse(target);
    } catch (IllegalArgumentException e) {
      throw VaultError.badParameter("The release 'target' must be an attestation token (a JWT).");
    }
    String issuer = normalize(token.payload().path("iss").asText(""));
    if (!policyAuthorities.contains(issuer)) {
      throw denied("its issuer is not an authority the key's release policy names");
    }
    List<Key> keys = authorities.get(issuer);
    if (keys == null) {
      throw VaultError.badParameter(
          "The attestation authority "
              + issuer
              + " named by the release policy is not trusted by this vault (start it with"
              + " --attestation-authority URL=JWKS_FILE).");
    }
    if (!"RS256".equals(token.alg())) {
      throw denied("it is not signed with RS256");
    }
    String kid = token.header().path("kid").asText(null);
    boolean verified = false;
    for (Key k : keys) {
      if ((kid == null || k.kid() == null || kid.equals(k.kid()))
          && Jwt.verifyRs256(token, k.publicKey())) {
        verified = true;
        break;
      }
    }
    if (!verified) {
      throw denied("its signature does not verify with the keys of " + issuer);
    }
    long t = now.getEpochSecond();
    JsonNode exp = token.payload().get("exp");
    if (exp == null || !exp.canConvertToLong() || exp.asLong() <= t) {
      throw denied("it is expired or has no exp claim");
    }
    JsonNode nbf = token.payload().get("nbf");
    if (nbf != null && (!nbf.canConvertToLong() || nbf.asLong() > t)) {
      throw denied("it is not yet valid");
    }
    return token.payload();
  }

  private static VaultError denied(String why) {
    return VaultError.forbidden(
        "AccessDenied",
        "Target environment attestation statement cannot be verified: " + why + ".");
  }

  /** Reads the RSA keys of a JWKS document ({@code {"keys":[{"kty":"RSA","n","e","kid"?}]}}). */
  public static List<Key> parseJwks(byte[] jwks) {
    JsonNode doc;
    try {
      doc = Json.parse(jwks);
    } catch (IOException e) {
      throw new IllegalArgumentException("The JWKS is not JSON: " + e.getMessage());
    }
    JsonNode keys = doc == null ? null : doc.get("keys");
    if (keys == null || !keys.isArray()) {
      throw new IllegalArgumentException("The JWKS has no 'keys' array");
    }
    List<Key> out = new ArrayList<>();
    for (JsonNode k : keys) {
      if (!"RSA".equals(k.path("kty").asText()) || !k.hasNonNull("n") || !k.hasNonNull("e")) {
        continue;
      }
      try {
        BigInteger n = new BigInteger(1, Json.fromB64url(k.get("n").asText()));
        BigInteger e = new BigInteger(1, Json.fromB64url(k.get("e").asText()));
        RSAPublicKey pub =
            (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        out.add(new Key(k.hasNonNull("kid") ? k.get("kid").asText() : null, pub));
      } catch (IllegalArgumentException | GeneralSecurityException ex) {
        throw new IllegalArgumentException("The JWKS has an invalid RSA key: " + ex.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("The JWKS has no RSA key");
    }
    return out;
  }

  /** Builds the trusted set. */
  public static final class Builder {
    private final Map<String, List<Key>> authorities = new LinkedHashMap<>();

    private Builder() {}

    /** Trusts {@code url} with the keys of a JWKS file. */
    public Builder authority(String url, Path jwksFile) {
      try {
        return authority(url, parseJwks(Files.readAllBytes(jwksFile)));
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read the JWKS file " + jwksFile, e);
      }
    }

    /** Trusts {@code url} with {@code keys}. */
    public Builder authority(String url, List<Key> keys) {
      if (!url.startsWith("https://")) {
        throw new IllegalArgumentException("An attestation authority must be an https URL: " + url);
      }
      authorities.computeIfAbsent(normalize(url), u -> new ArrayList<>()).addAll(keys);
      return this;
    }

    public AttestationAuthorities build() {
      return new AttestationAuthorities(authorities);
    }
  }
}
