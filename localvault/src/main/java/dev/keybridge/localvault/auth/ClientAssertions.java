package dev.keybridge.localvault.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Client credentials that are signed JWTs instead of secrets ({@code
 * client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer}), as Entra ID
 * accepts them:
 *
 * <ul>
 *   <li><b>Certificate credentials</b> ({@code ClientCertificateCredential}): the client signs the
 *       assertion ({@code iss} = {@code sub} = client id, {@code aud} = the token endpoint) with
 *       the private key of a certificate registered for it.
 *   <li><b>Federated credentials</b> (workload identity, {@code WorkloadIdentityCredential} with
 *       {@code AZURE_FEDERATED_TOKEN_FILE}): a trusted external issuer (e.g. a Kubernetes cluster's
 *       OIDC issuer) signed the assertion; its {@code iss} and {@code sub} must match a federated
 *       identity registered for the client and its {@code aud} must be {@code
 *       api://AzureADTokenExchange}.
 * </ul>
 *
 * Assertions are checked for signature (RS256 or PS256), expiry and not-before on the vault's
 * clock, without skew. Failures carry Entra ID's error codes.
 */
public final class ClientAssertions {
  /** The only client assertion type Entra ID knows. */
  public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  /** The audience Entra ID requires of federated assertions. */
  public static final String EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

  /** A federated identity: tokens of {@code issuer} for {@code subject}, verified with its key. */
  public record FederatedIdentity(
      String clientId, String issuer, String subject, PublicKey issuerKey) {}

  /** Why an assertion was refused: the OAuth2 error, Entra's code and a description. */
  public record Refusal(int status, String error, int code, String description) {}

  private final Clock clock;
  private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();
  private final List<FederatedIdentity> federated = new CopyOnWriteArrayList<>();

  public ClientAssertions(Clock clock) {
    this.clock = clock;
  }

  /** Registers a certificate credential of {@code clientId}. */
  public void addCertificate(String clientId, X509Certificate certificate) {
    certificates.put(clientId, certificate);
  }

  /** Registers a federated identity of a client. */
  public void addFederated(FederatedIdentity identity) {
    federated.add(identity);
  }

  /**
   * Checks a client assertion presented for {@code clientId} at {@code tokenEndpoint}.
   *
   * @return null when the client is authenticated, else why not
   */
  public Refusal check(String clientId, String type, String assertion, String tokenEndpoint) {
    if (!JWT_BEARER.equals(type)) {
      return new Refusal(
          400, "invalid_request", 50027, "The client_assertion_type must be " + JWT_BEARER + ".");
    }
    Jwt.Parsed jwt;
    try {
      jwt = Jwt.parse(assertion);
    } catch (IllegalArgumentException e) {
      return new Refusal(400, "invalid_client", 50027, "The client assertion is not a JWT.");
    }
    String iss = text(jwt.payload().get("iss"));
    String sub = text(jwt.payload().get("sub"));
    Refusal timing = checkTimes(jwt);
    if (timing != null) {
      return timing;
    }
    X509Certificate certificate = certificates.get(clientId);
    if (certificate != null && clientId.equals(iss) && clientId.equals(sub)) {
      if (!audienceContains(jwt.payload().get("aud"), tokenEndpoint)) {
        return new Refusal(
            400,
            "invalid_client",
            50027,
            "The client assertion's audience must be the token endpoint " + tokenEndpoint + ".");
      }
      return verify(jwt, certificate.getPublicKey())
          ? null
          : new Refusal(
              401,
              "invalid_client",
              700027,
              "Client assertion failed signature validation: no certificate registered for client '"
                  + clientId
                  + "' verifies it.");
    }
    for (FederatedIdentity identity : federated) {
      if (identity.clientId().equals(clientId)
          && identity.issuer().equals(iss)
          && identity.subject().equals(sub)) {
        if (!audienceContains(jwt.payload().get("aud"), EXCHANGE_AUDIENCE)) {
          return new Refusal(
              400,
              "invalid_client",
              700212,
              "No matching federated identity record found for presented assertion audience;"
                  + " the audience must be "
                  + EXCHANGE_AUDIENCE
                  + ".");
        }
        return verify(jwt, identity.issuerKey())
            ? null
            : new Refusal(
                401,
                "invalid_client",
                700027,
                "Client assertion failed signature validation with the keys of issuer "
                    + iss
                    + ".");
      }
    }
    return new Refusal(
        400,
        "invalid_request",
        70021,
        "No matching federated identity record or certificate found for presented assertion"
            + " (client '"
            + clientId
            + "').");
  }

  private Refusal checkTimes(Jwt.Parsed jwt) {
    long now = clock.instant().getEpochSecond();
    JsonNode exp = jwt.payload().get("exp");
    JsonNode nbf = jwt.payload().get("nbf");
    if (exp == null || !exp.canConvertToLong()) {
      return new Refusal(400, "invalid_client", 50027, "The client assertion has no 'exp'.");
    }
    if (exp.asLong() <= now) {
      return new Refusal(
          400,
          "invalid_client",
          700024,
          "Client assertion is not within its valid time range (expired).");
    }
    if (nbf != null && nbf.canConvertToLong() && nbf.asLong() > now) {
      return new Refusal(
          400,
          "invalid_client",
          700024,
          "Client assertion is not within its valid time range (not yet valid).");
    }
    return null;
  }

  private static boolean audienceContains(JsonNode aud, String expected) {
    if (aud == null) {
      return false;
    }
    if (aud.isArray()) {
      for (JsonNode a : aud) {
        if (expected.equals(a.asText())) {
          return true;
        }
      }
      return false;
    }
    return expected.equals(aud.asText());
  }

  private static boolean verify(Jwt.Parsed jwt, PublicKey key) {
    if ("RS256".equals(jwt.alg())) {
      return Jwt.verifyRs256(jwt, key);
    }
    if (!"PS256".equals(jwt.alg())) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      s.initVerify(key);
      s.update(jwt.signingInput());
      return s.verify(jwt.signature());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
