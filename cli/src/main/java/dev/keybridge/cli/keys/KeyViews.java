package dev.keybridge.cli.keys;

import static dev.keybridge.cli.output.Values.tags;
import static dev.keybridge.cli.output.Values.time;

import com.azure.security.keyvault.keys.models.DeletedKey;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.cli.output.Details;
import dev.keybridge.cli.output.Pem;
import dev.keybridge.cli.output.Values;
import dev.keybridge.management.keys.KeyBundle;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The documented JSON shapes and text views of keys. Field names and order are stable; a field the
 * vault did not return is {@code null}, never left out.
 */
final class KeyViews {
  // P-256K (secp256k1) is not in JDK 17's SunEC
  private static final BouncyCastleProvider BOUNCY_CASTLE = new BouncyCastleProvider();

  private KeyViews() {}

  /** {@link #key(KeyVaultKey)} with the size management decides for oct keys ({@code KeySizes}). */
  static Map<String, Object> key(KeyBundle bundle) {
    Map<String, Object> json = key(bundle.sdkKey());
    JsonWebKey jwk = bundle.sdkKey().getKey();
    if (jwk != null && jwk.getKeyType() != null && jwk.getKeyType().toString().startsWith("oct")) {
      json.put("keySize", bundle.keySize());
    }
    return json;
  }

  /**
   * Key shape: {@code name, version, id, keyType, keySize, curve, keyOps, enabled, exportable,
   * managed, notBefore, expiresOn, createdOn, updatedOn, recoveryLevel, tags, publicKeyPem}.
   */
  static Map<String, Object> key(KeyVaultKey key) {
    Map<String, Object> json = new LinkedHashMap<>();
    KeyProperties p = key.getProperties();
    // list results (deleted keys) carry no JWK, and the SDK's getters then fail: read the JWK
    JsonWebKey jwk = key.getKey();
    json.put("name", p.getName());
    json.put("version", p.getVersion());
    json.put("id", jwk == null ? p.getId() : key.getId());
    json.put(
        "keyType", jwk == null || jwk.getKeyType() == null ? null : jwk.getKeyType().toString());
    json.put("keySize", keySize(jwk));
    json.put(
        "curve", jwk == null || jwk.getCurveName() == null ? null : jwk.getCurveName().toString());
    json.put("keyOps", operations(jwk == null ? null : jwk.getKeyOps()));
    putProperties(json, p);
    json.put("publicKeyPem", publicKeyPem(jwk));
    return json;
  }

  /**
   * Deleted key shape: the key shape plus {@code recoveryId, deletedOn, scheduledPurgeDate}. In
   * lists the vault returns no key material, so {@code keyType, keySize, curve, publicKeyPem} are
   * null and {@code keyOps} is empty there.
   */
  static Map<String, Object> deletedKey(DeletedKey key) {
    Map<String, Object> json = key(key);
    json.put("recoveryId", key.getRecoveryId());
    json.put("deletedOn", time(key.getDeletedOn()));
    json.put("scheduledPurgeDate", time(key.getScheduledPurgeDate()));
    return json;
  }

  /**
   * Key list item shape (list and versions): {@code name, version, id, enabled, exportable,
   * managed, notBefore, expiresOn, createdOn, updatedOn, recoveryLevel, tags}.
   */
  static Map<String, Object> item(KeyProperties p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", p.getName());
    json.put("version", p.getVersion());
    json.put("id", p.getId());
    putProperties(json, p);
    return json;
  }

  private static void putProperties(Map<String, Object> json, KeyProperties p) {
    json.put("enabled", p.isEnabled());
    json.put("exportable", p.isExportable());
    json.put("managed", p.isManaged() != null && p.isManaged());
    json.put("notBefore", time(p.getNotBefore()));
    json.put("expiresOn", time(p.getExpiresOn()));
    json.put("createdOn", time(p.getCreatedOn()));
    json.put("updatedOn", time(p.getUpdatedOn()));
    json.put("recoveryLevel", p.getRecoveryLevel());
    json.put("tags", tags(p.getTags()));
  }

  /**
   * Rotation policy shape: {@code name, id, expiresIn, lifetimeActions: [{action, timeAfterCreate,
   * timeBeforeExpiry}], createdOn, updatedOn}.
   */
  static Map<String, Object> rotationPolicy(String name, KeyRotationPolicy policy) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("id", policy.getId());
    json.put("expiresIn", policy.getExpiresIn());
    List<Map<String, Object>> actions = new ArrayList<>();
    if (policy.getLifetimeActions() != null) {
      for (KeyRotationLifetimeAction action : policy.getLifetimeActions()) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("action", action.getAction().toString().toLowerCase(Locale.ROOT));
        a.put("timeAfterCreate", action.getTimeAfterCreate());
        a.put("timeBeforeExpiry", action.getTimeBeforeExpiry());
        actions.add(a);
      }
    }
    json.put("lifetimeActions", actions);
    json.put("createdOn", time(policy.getCreatedOn()));
    json.put("updatedOn", time(policy.getUpdatedOn()));
    return json;
  }

  /** The text view of one key: aligned lines, then the public key PEM. */
  static void printKey(java.io.PrintWriter out, Map<String, Object> key) {
    Details details = new Details();
    for (Map.Entry<String, Object> field : key.entrySet()) {
      if (field.getKey().equals("publicKeyPem")) {
        continue;
      }
      Object value = field.getValue();
      if (value instanceof List<?> list) {
        value =
            list.isEmpty() ? null : String.join(" ", list.stream().map(String::valueOf).toList());
      } else if (value instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, String> tags = (Map<String, String>) map;
        value = Values.tagsText(tags);
      }
      details.add(field.getKey(), value);
    }
    details.print(out);
    Object pem = key.get("publicKeyPem");
    if (pem != null) {
      out.print(pem);
      out.flush();
    }
  }

  static List<String> operations(List<KeyOperation> operations) {
    List<String> names = new ArrayList<>();
    if (operations != null) {
      for (KeyOperation operation : operations) {
        names.add(operation.toString());
      }
    }
    return names;
  }

  static Integer keySize(JsonWebKey jwk) {
    if (jwk != null && jwk.getN() != null) {
      return new BigInteger(1, jwk.getN()).bitLength();
    }
    return null;
  }

  /** The public key as PEM for RSA and EC keys; null for symmetric keys or unknown curves. */
  static String publicKeyPem(JsonWebKey jwk) {
    PublicKey publicKey = publicKey(jwk);
    return publicKey == null ? null : Pem.encode("PUBLIC KEY", publicKey.getEncoded());
  }

  static PublicKey publicKey(JsonWebKey jwk) {
    if (jwk == null || jwk.getKeyType() == null) {
      return null;
    }
    try {
      if (jwk.getN() != null) {
        return jwk.toRsa(false).getPublic();
      }
      if (jwk.getX() != null) {
        return jwk.toEc(false, BOUNCY_CASTLE).getPublic();
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }
}
