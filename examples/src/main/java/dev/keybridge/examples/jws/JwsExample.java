package dev.keybridge.examples.jws;

import dev.keybridge.examples.ExampleVault;
import dev.keybridge.keystore.key.VaultPrivateKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JWS / JWT in compact serialization (RFC 7515/7519) signed with a vault key through plain JCA:
 * {@code Signature.getInstance(...)} with the key handle, nothing JOSE-specific. The signing input
 * is hashed locally; the vault signs the digest (one request). ES256 needs the raw {@code r||s}
 * form, which is JCA's {@code SHA256withECDSAinP1363Format}; RS256 is {@code SHA256withRSA}.
 * Verification uses only the JDK's providers and the public key.
 *
 * <pre>
 * java -cp keybridge.jar:examples.jar dev.keybridge.examples.jws.JwsExample \
 *     keybridge.properties ec-p256 ES256
 * </pre>
 */
public final class JwsExample {
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
  private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"([A-Z0-9]+)\"");

  private JwsExample() {}

  /** The JWS algorithms of this example and the JCA signature that implements each. */
  public enum Algorithm {
    ES256("SHA256withECDSAinP1363Format", "SunEC"),
    ES384("SHA384withECDSAinP1363Format", "SunEC"),
    RS256("SHA256withRSA", "SunRsaSign"),
    PS256("RSASSA-PSS", "SunRsaSign");

    private final String jcaName;
    private final String jdkProvider;

    Algorithm(String jcaName, String jdkProvider) {
      this.jcaName = jcaName;
      this.jdkProvider = jdkProvider;
    }

    /** The JCA signature algorithm name. */
    public String jcaName() {
      return jcaName;
    }

    /**
     * A signature initialised for signing (or verifying); RSASSA-PSS parameters are set after init,
     * so that JCA's delayed provider selection can choose by the key first.
     */
    Signature signer(PrivateKey key) throws GeneralSecurityException {
      Signature signature = Signature.getInstance(jcaName);
      signature.initSign(key);
      setPssParameters(signature);
      return signature;
    }

    Signature jdkVerifier(PublicKey key) throws GeneralSecurityException {
      Signature signature = Signature.getInstance(jcaName, jdkProvider);
      signature.initVerify(key);
      setPssParameters(signature);
      return signature;
    }

    private void setPssParameters(Signature signature) throws GeneralSecurityException {
      if (this == PS256) {
        signature.setParameter(
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      }
    }
  }

  /** JWT claims {@code {"sub","iat","exp"}} as JSON. */
  public static String claims(String subject, Instant issuedAt, Duration lifetime) {
    return "{\"sub\":\""
        + jsonEscape(subject)
        + "\",\"iat\":"
        + issuedAt.getEpochSecond()
        + ",\"exp\":"
        + issuedAt.plus(lifetime).getEpochSecond()
        + "}";
  }

  /**
   * Signs {@code payloadJson} with {@code key}: {@code base64url(header).base64url(payload)
   * .base64url(signature)} with header {@code {"alg","typ":"JWT","kid"}}.
   *
   * <p>Needs KeyBridge among the installed providers for vault keys ({@link
   * ExampleVault#installProvider()}); software keys are signed by the JDK as usual.
   *
   * @param kid the key id put in the header (for a vault key: its versioned key id)
   * @throws SignatureException if the vault refused the signature (the message names the error)
   */
  public static String sign(String payloadJson, PrivateKey key, Algorithm algorithm, String kid)
      throws GeneralSecurityException {
    String header =
        "{\"alg\":\""
            + algorithm.name()
            + "\",\"typ\":\"JWT\",\"kid\":\""
            + jsonEscape(kid)
            + "\"}";
    String signingInput = encode(header) + "." + encode(payloadJson);
    Signature signature = algorithm.signer(key);
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + B64URL.encodeToString(signature.sign());
  }

  /**
   * Verifies a compact JWS with the JDK's own provider and returns its payload. The header's {@code
   * alg} must be {@code expected}: the algorithm is never taken from the token alone.
   *
   * @throws SignatureException if the token is malformed, names another algorithm or the signature
   *     does not verify
   */
  public static String verify(String compactJws, PublicKey key, Algorithm expected)
      throws GeneralSecurityException {
    String[] parts = compactJws.split("\\.", -1);
    if (parts.length != 3) {
      throw new SignatureException("not a compact JWS: " + parts.length + " parts");
    }
    String header = new String(decode(parts[0]), StandardCharsets.UTF_8);
    Matcher alg = ALG.matcher(header);
    if (!alg.find() || !alg.group(1).equals(expected.name())) {
      throw new SignatureException("JWS header " + header + " does not name alg " + expected);
    }
    Signature signature = expected.jdkVerifier(key);
    signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    if (!signature.verify(decode(parts[2]))) {
      throw new SignatureException("JWS signature does not verify with " + key.getAlgorithm());
    }
    return new String(decode(parts[1]), StandardCharsets.UTF_8);
  }

  private static String encode(String json) {
    return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] decode(String part) throws SignatureException {
    try {
      return B64URL_DECODER.decode(part);
    } catch (IllegalArgumentException e) {
      throw new SignatureException("JWS part is not base64url: " + e.getMessage(), e);
    }
  }

  static String jsonEscape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** {@code <keybridge.properties> <key alias> <ES256|ES384|RS256|PS256>}: prints a signed JWT. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: JwsExample <keybridge.properties> <key alias> <ES256|RS256|...>");
      System.exit(2);
    }
    ExampleVault.installProvider();
    ExampleVault vault = ExampleVault.open(Path.of(args[0]));
    Key key = vault.keyStore().getKey(args[1], null);
    if (!(key instanceof VaultPrivateKey vaultKey)) {
      throw new GeneralSecurityException(args[1] + " is not an RSA or EC key in the vault");
    }
    Algorithm algorithm = Algorithm.valueOf(args[2]);
    String jwt =
        sign(
            claims("example", Instant.now(), Duration.ofMinutes(5)),
            vaultKey,
            algorithm,
            vaultKey.keyId());
    System.out.println(jwt);
    System.out.println("verified by the JDK: " + verify(jwt, vaultKey.publicKey(), algorithm));
  }
}
