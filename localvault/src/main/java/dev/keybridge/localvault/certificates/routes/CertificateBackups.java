package dev.keybridge.localvault.certificates.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.certificates.CertificateContentType;
import dev.keybridge.localvault.certificates.CertificatePolicy;
import dev.keybridge.localvault.crypto.KeyMaterial;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import dev.keybridge.localvault.keys.KeyAttributes;
import dev.keybridge.localvault.keys.KeyRecord;
import dev.keybridge.localvault.keys.KeyVersion;
import dev.keybridge.localvault.secrets.SecretAttributes;
import dev.keybridge.localvault.secrets.SecretRecord;
import dev.keybridge.localvault.secrets.SecretVersion;
import dev.keybridge.localvault.storage.MasterKey;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /certificates/{name}/backup} and {@code POST /certificates/restore}. The blob holds
 * the policy and every version of the certificate with its key (material) and secret (value), as
 * JSON sealed with the vault's master key (AES-256-GCM): opaque, confidential and authenticated. A
 * modified or foreign blob is refused with 400 BadParameter; restore needs the certificate, key and
 * secret names free (409 otherwise) and keeps versions and ids.
 */
final class CertificateBackups {
  private static final String CONTEXT = "keybridge-certificate-backup-v1";

  private final CertificateStore store;
  private final MasterKey masterKey;

  CertificateBackups(CertificateStore store, MasterKey masterKey) {
    this.store = store;
    this.masterKey = masterKey;
  }

  void register(Router router) {
    router.add(
        "POST", "/certificates/{name}/backup", DataActions.CERTIFICATES_BACKUP, this::backup);
    router.add("POST", "/certificates/restore", DataActions.CERTIFICATES_RESTORE, this::restore);
  }

  private VaultResponse backup(VaultRequest r) {
    String name = CertificateInput.name(r);
    CertificateRecord rec = store.active(name);
    KeyRecord key =
        store.keys().active(name).orElseThrow(() -> CertificateErrors.notFound(name, null));
    SecretRecord secret =
        store.secrets().active(name).orElseThrow(() -> CertificateErrors.notFound(name, null));
    ObjectNode doc = Json.object();
    doc.put("name", rec.name());
    doc.set("policy", rec.policy().toJson(null));
    doc.put("policyCreated", rec.policy().created().getEpochSecond());
    doc.put("policyUpdated", rec.policy().updated().getEpochSecond());
    ArrayNode versions = doc.putArray("versions");
    for (CertificateVersion v : rec.versions()) {
      ObjectNode n = versions.addObject();
      n.put("version", v.version());
      ArrayNode chain = n.putArray("chain");
      for (X509Certificate c : v.chain()) {
        chain.add(der(c));
      }
      n.put("contentType", v.contentType().mediaType());
      n.put("enabled", v.enabled());
      n.put("created", v.created().getEpochSecond());
      n.put("updated", v.updated().getEpochSecond());
      n.set("tags", Json.MAPPER.valueToTree(v.tags()));
      KeyVersion k = key.version(v.version()).orElseThrow();
      KeyAttributes ka = k.attributes();
      ObjectNode kn = n.putObject("key");
      kn.set("key_ops", Json.MAPPER.valueToTree(k.keyOps()));
      kn.put("enabled", ka.enabled());
      kn.put("nbf", ka.nbf());
      kn.put("exp", ka.exp());
      kn.put("created", ka.created());
      kn.put("updated", ka.updated());
      kn.put("material", Json.b64url(k.material().serialize()));
      SecretVersion s = secret.version(v.version()).orElseThrow();
      ObjectNode sn = n.putObject("secret");
      sn.put("value", s.value());
      sn.put("contentType", s.contentType());
      sn.put("enabled", s.attributes().enabled());
      sn.put("created", s.attributes().created());
      sn.put("updated", s.attributes().updated());
    }
    ObjectNode body = Json.object();
    body.put("value", Json.b64url(masterKey.seal(Json.bytes(doc), CONTEXT)));
    return VaultResponse.ok(body);
  }

  private VaultResponse restore(VaultRequest r) {
    JsonNode doc = open(r.json().requiredBytes("value"));
    String name = CertificateInput.nameOf(doc.path("name").asText(null));
    CertificateRecord rec =
        store
            .database()
            .transaction(
                c -> {
                  if (store.certificates().record(name).isPresent()) {
                    if (store.certificates().record(name).get().deleted()) {
                      throw CertificateErrors.deletedButRecoverable("Certificate", name);
                    }
                    throw VaultError.conflict(
                        null,
                        "Certificate "
                            + name
                            + " already exists; a backup restores only under a free name.");
                  }
                  store.checkWritable(name);
                  if (store.keys().record(name).isPresent()
                      || store.secrets().record(name).isPresent()) {
                    throw CertificateErrors.nameTaken("key or secret", name);
                  }
                  restoreAll(name, doc);
                  return store.active(name);
                });
    return VaultResponse.ok(CertificateResponses.bundle(store, rec, rec.latest(), r.baseUrl()));
  }

  private void restoreAll(String name, JsonNode doc) {
    try {
      CertificatePolicy policy =
          CertificatePolicy.fromJson(doc.get("policy"))
              .withTimestamps(
                  Instant.ofEpochSecond(doc.get("policyCreated").asLong()),
                  Instant.ofEpochSecond(doc.get("policyUpdated").asLong()));
      store.certificates().savePolicy(name, policy);
      List<KeyVersion> keyVersions = new ArrayList<>();
      List<SecretVersion> secretVersions = new ArrayList<>();
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      for (JsonNode n : doc.get("versions")) {
        String version = n.get("version").asText();
        List<X509Certificate> chain = new ArrayList<>();
        for (JsonNode c : n.get("chain")) {
          chain.add(
              (X509Certificate)
                  f.generateCertificate(
                      new ByteArrayInputStream(Base64.getDecoder().decode(c.asText()))));
        }
        store
            .certificates()
            .addVersion(
                new CertificateVersion(
                    name,
                    version,
                    chain,
                    CertificateContentType.fromMediaType(
                        n.get("contentType").asText(), "contentType"),
                    n.get("enabled").asBoolean(),
                    Instant.ofEpochSecond(n.get("created").asLong()),
                    Instant.ofEpochSecond(n.get("updated").asLong()),
                    tags(n.get("tags"))));
        JsonNode k = n.get("key");
        KeyMaterial material = KeyMaterial.deserialize(Json.fromB64url(k.get("material").asText()));
        List<String> ops = new ArrayList<>();
        k.get("key_ops").forEach(op -> ops.add(op.asText()));
        keyVersions.add(
            new KeyVersion(
                name,
                version,
                material.kty(),
                ops,
                new KeyAttributes(
                    k.get("enabled").asBoolean(),
                    k.get("nbf").asLong(),
                    k.get("exp").asLong(),
                    k.get("created").asLong(),
                    k.get("updated").asLong(),
                    false),
                Map.of(),
                null,
                true,
                material));
        JsonNode s = n.get("secret");
        X509Certificate leaf = chain.get(0);
        secretVersions.add(
            new SecretVersion(
                name,
                version,
                s.get("value").asText(),
                s.get("contentType").asText(),
                new SecretAttributes(
                    s.get("enabled").asBoolean(),
                    leaf.getNotBefore().toInstant().getEpochSecond(),
                    leaf.getNotAfter().toInstant().getEpochSecond(),
                    s.get("created").asLong(),
                    s.get("updated").asLong()),
                Map.of(),
                true));
      }
      if (keyVersions.isEmpty()) {
        throw new IllegalArgumentException("no versions");
      }
      store.keys().restore(name, keyVersions, null);
      store.secrets().restore(name, secretVersions);
    } catch (VaultError e) {
      throw e;
    } catch (Exception e) {
      throw corrupt();
    }
  }

  private JsonNode open(byte[] blob) {
    try {
      JsonNode doc = Json.parse(masterKey.open(blob, CONTEXT));
      if (doc == null || !doc.isObject()) {
        throw corrupt();
      }
      return doc;
    } catch (java.io.IOException | RuntimeException e) {
      throw corrupt();
    }
  }

  private static VaultError corrupt() {
    return VaultError.badParameter(
        "The backup blob is invalid or corrupt: it was modified, truncated, or made by another"
            + " vault.");
  }

  private static Map<String, String> tags(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static String der(X509Certificate c) {
    try {
      return Base64.getEncoder().encodeToString(c.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
