package dev.keybridge.localvault.certificates;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;

/**
 * Renders certificates and their pending operations as the service's JSON. Identifiers are built
 * from the vault's base URL as the client reached it ({@code https://localhost:PORT}, no trailing
 * slash needed): certificate, key and secret of a version share name and version.
 */
public final class CertificateJson {
  private CertificateJson() {}

  /**
   * A {@code CertificateBundle}: {@code id}, {@code kid}, {@code sid}, {@code x5t} (base64url SHA-1
   * of the DER), {@code cer} (standard base64 DER), {@code attributes} (enabled, nbf and exp from
   * the certificate's validity, created, updated, recoveryLevel, recoverableDays; times in Unix
   * seconds), {@code tags} when not null, {@code policy} (with its id) when not null, {@code
   * pending} ({@code {"id": .../certificates/{name}/pending}}) when the certificate has a creation
   * operation ({@code withOperation}; an imported one has none, as in Azure). No top-level {@code
   * contentType}: as in Azure, it is in {@code policy.secret_props}; no {@code preserveCertOrder},
   * which Azure sends only for certificates created asking for it (which the local vault does not
   * support).
   */
  public static ObjectNode bundle(
      String baseUrl,
      String name,
      String version,
      X509Certificate leaf,
      CertificateContentType contentType,
      CertificatePolicy policy,
      CertificateAttributes attributes,
      Map<String, String> tags,
      boolean withOperation) {
    String base = trim(baseUrl);
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", base + "/certificates/" + name + "/" + version);
    json.put("kid", base + "/keys/" + name + "/" + version);
    json.put("sid", base + "/secrets/" + name + "/" + version);
    json.put("x5t", x5t(leaf));
    json.put("cer", Base64.getEncoder().encodeToString(der(leaf)));
    json.set("attributes", attributes(leaf, attributes, true));
    putTags(json, tags);
    if (policy != null) {
      json.set("policy", policy.toJson(policyId(baseUrl, name)));
    }
    if (withOperation) {
      json.putObject("pending").put("id", base + "/certificates/" + name + "/pending");
    }
    return json;
  }

  /**
   * A {@code DeletedCertificateItem} of a list (before its deletion fields): the version-less
   * {@code id}, {@code x5t}, {@code attributes} with recoveryLevel and recoverableDays and {@code
   * tags} when not null; as Azure's, unlike active list items, without {@code subject}.
   */
  public static ObjectNode deletedItem(
      String baseUrl,
      String name,
      X509Certificate leaf,
      CertificateAttributes attributes,
      Map<String, String> tags) {
    return listEntry(baseUrl, name, leaf, attributes, tags, true);
  }

  /** {@code id} (version-less), {@code x5t}, {@code attributes} and {@code tags} of a list. */
  private static ObjectNode listEntry(
      String baseUrl,
      String name,
      X509Certificate leaf,
      CertificateAttributes attributes,
      Map<String, String> tags,
      boolean withRecovery) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", trim(baseUrl) + "/certificates/" + name);
    json.put("x5t", x5t(leaf));
    json.set("attributes", attributes(leaf, attributes, withRecovery));
    putTags(json, tags);
    return json;
  }

  /**
   * A {@code CertificateItem} of a list: the version-less {@code id}, {@code x5t}, {@code
   * attributes} as in {@link #bundle} but, as Azure's list items, without recoveryLevel and
   * recoverableDays, {@code tags} when not null and {@code subject}, which Azure's list items
   * (api-version 2025-07-01) carry as an empty string.
   */
  public static ObjectNode item(
      String baseUrl,
      String name,
      X509Certificate leaf,
      CertificateAttributes attributes,
      Map<String, String> tags) {
    ObjectNode json = listEntry(baseUrl, name, leaf, attributes, tags, false);
    json.put("subject", "");
    return json;
  }

  /**
   * A {@code CertificateOperation}: {@code id} ({@code .../certificates/{name}/pending}), {@code
   * issuer}, {@code csr}, {@code cancellation_requested}, {@code status}, {@code status_details},
   * {@code error} ({@code {code, message}}, only once failed), {@code target} ({@code
   * .../certificates/{name}}, only once completed) and {@code request_id}: the fields Azure sends
   * in each state.
   */
  public static ObjectNode operation(String baseUrl, String name, CertificateOperation operation) {
    String base = trim(baseUrl);
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", base + "/certificates/" + name + "/pending");
    json.set("issuer", operation.issuer().toJson());
    if (operation.csr() != null) {
      json.put("csr", operation.csr());
    }
    json.put("cancellation_requested", operation.cancellationRequested());
    json.put("status", operation.status().wireName());
    if (operation.statusDetails() != null) {
      json.put("status_details", operation.statusDetails());
    }
    if (operation.errorCode() != null) {
      ObjectNode error = json.putObject("error");
      error.put("code", operation.errorCode());
      error.put("message", operation.errorMessage());
    }
    if (operation.status() == CertificateOperation.Status.COMPLETED) {
      json.put("target", base + "/certificates/" + name);
    }
    json.put("request_id", operation.requestId());
    return json;
  }

  /** The policy id: {@code BASE/certificates/{name}/policy}. */
  public static String policyId(String baseUrl, String name) {
    return trim(baseUrl) + "/certificates/" + name + "/policy";
  }

  /** The {@code x5t} thumbprint: base64url without padding of the SHA-1 of the DER certificate. */
  public static String x5t(X509Certificate certificate) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(der(certificate));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is a mandatory JDK algorithm", e);
    }
  }

  private static ObjectNode attributes(
      X509Certificate leaf, CertificateAttributes attributes, boolean withRecovery) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("enabled", attributes.enabled());
    json.put("nbf", leaf.getNotBefore().toInstant().getEpochSecond());
    json.put("exp", leaf.getNotAfter().toInstant().getEpochSecond());
    json.put("created", attributes.created().getEpochSecond());
    json.put("updated", attributes.updated().getEpochSecond());
    if (withRecovery) {
      json.put("recoveryLevel", attributes.recoveryLevel());
      json.put("recoverableDays", attributes.recoverableDays());
    }
    return json;
  }

  private static void putTags(ObjectNode json, Map<String, String> tags) {
    if (tags != null) {
      ObjectNode node = json.putObject("tags");
      tags.forEach(node::put);
    }
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("A parsed certificate has no DER encoding", e);
    }
  }

  private static String trim(String baseUrl) {
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }
}
