package dev.keybridge.localvault.attestation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.Jwt;
import dev.keybridge.localvault.auth.TokenSigningKey;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.RequestBody;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.UUID;

/**
 * The vault's own attestation authority, for tests and demos: {@code POST /attestation/attest}
 * (vault administrators only) signs the given claims into an attestation token, {@code GET
 * /attestation/certs} publishes its keys as a JWKS. Its issuer is {@code <vault URL>/attestation};
 * a release policy naming it accepts its tokens. The signing key is fresh at every start.
 */
public final class BuiltInAttestationAuthority {
  /** The data action of minting a test attestation token: only the Administrator role has it. */
  public static final String ATTEST_ACTION = "Microsoft.KeyVault/vaults/attestation/action";

  private static final long DEFAULT_LIFETIME = 600;
  private static final long MAX_LIFETIME = 24 * 3600;

  private final KeyPair pair;
  private final String kid = UUID.randomUUID().toString();
  private final String issuer;
  private final Clock clock;

  /**
   * @param vaultUrl the vault's URL, e.g. {@code https://localhost:8443}
   */
  public BuiltInAttestationAuthority(String vaultUrl, Clock clock) {
    this.issuer = vaultUrl + "/attestation";
    this.clock = clock;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      this.pair = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation failed", e);
    }
  }

  /** {@code <vault URL>/attestation}: what a release policy names as {@code authority}. */
  public String issuer() {
    return issuer;
  }

  /** Its verification key, to add to the trusted {@link AttestationAuthorities}. */
  public AttestationAuthorities.Key key() {
    return new AttestationAuthorities.Key(kid, (RSAPublicKey) pair.getPublic());
  }

  public void register(Router router) {
    router.anonymous("GET", "/attestation/certs", this::certs);
    router.add("POST", "/attestation/attest", ATTEST_ACTION, this::attest);
  }

  /** Signs {@code claims} (with {@code iss}, {@code iat}, {@code nbf}, {@code exp} set). */
  public String sign(ObjectNode claims, long lifetimeSeconds) {
    long now = clock.instant().getEpochSecond();
    ObjectNode payload = claims.deepCopy();
    payload.put("iss", issuer);
    payload.put("iat", now);
    payload.put("nbf", now);
    payload.put("exp", now + lifetimeSeconds);
    ObjectNode header = Json.object();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", kid);
    return Jwt.signRs256(header, payload, pair.getPrivate());
  }

  private VaultResponse attest(VaultRequest r) {
    RequestBody b = r.json();
    RequestBody claims = b.requiredObject("claims");
    Integer lifetime = b.integer("lifetimeSeconds");
    long seconds = lifetime == null ? DEFAULT_LIFETIME : lifetime;
    if (seconds < 1 || seconds > MAX_LIFETIME) {
      throw VaultError.badParameter(
          "Property 'lifetimeSeconds' must be between 1 and " + MAX_LIFETIME + ".");
    }
    ObjectNode body = Json.object();
    body.put("token", sign((ObjectNode) claims.node(), seconds));
    return VaultResponse.ok(body);
  }

  private VaultResponse certs(VaultRequest r) {
    ObjectNode jwks = Json.object();
    jwks.putArray("keys").add(TokenSigningKey.signingJwk((RSAPublicKey) pair.getPublic(), kid));
    return VaultResponse.ok(jwks);
  }
}
