package dev.keybridge.localvault.certificates.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.certificates.CertificateAttributes;
import dev.keybridge.localvault.certificates.CertificateJson;
import dev.keybridge.localvault.certificates.CertificatePolicy;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.VaultObjectJson;
import dev.keybridge.localvault.storage.NameTable;
import java.util.Map;

/**
 * The JSON of stored certificates: bundles, list items and their deleted forms, built on {@link
 * CertificateJson}. Every bundle but that of a GET naming a version carries the current policy (the
 * Java SDK's {@code KeyVaultCertificateWithPolicy} needs it), as in Azure.
 */
final class CertificateResponses {
  private CertificateResponses() {}

  /** The bundle of {@code v}; {@code pending} when the certificate has a creation operation. */
  static ObjectNode bundle(
      CertificateStore store, CertificateRecord r, CertificateVersion v, String baseUrl) {
    return bundle(r, v, baseUrl, r.policy(), store.certificates().hasOperation(r.name()));
  }

  /** The bundle of one version as a GET naming it answers: without policy and pending. */
  static ObjectNode versionBundle(CertificateRecord r, CertificateVersion v, String baseUrl) {
    return bundle(r, v, baseUrl, null, false);
  }

  private static ObjectNode bundle(
      CertificateRecord r,
      CertificateVersion v,
      String baseUrl,
      CertificatePolicy policy,
      boolean withOperation) {
    return CertificateJson.bundle(
        baseUrl,
        r.name(),
        v.version(),
        v.leaf(),
        v.contentType(),
        policy,
        attributes(v),
        tags(v.tags()),
        withOperation);
  }

  /**
   * The bundle of the latest version plus recoveryId, deletedDate and scheduledPurgeDate. It has
   * {@code pending} as Azure's deleted bundle (the delete dropped an operation in progress, so
   * whether there was one is not always known here).
   */
  static ObjectNode deletedBundle(CertificateRecord r, String baseUrl) {
    ObjectNode b = bundle(r, r.latest(), baseUrl, r.policy(), true);
    addDeleted(b, r, baseUrl);
    return b;
  }

  /**
   * A list item of the certificate (version-less id, latest version), or of a certificate whose
   * first version is still pending: id and attributes ({@code enabled: false}) only.
   */
  static ObjectNode item(CertificateRecord r, String baseUrl) {
    if (r.hasVersions()) {
      CertificateVersion v = r.latest();
      return CertificateJson.item(baseUrl, r.name(), v.leaf(), attributes(v), tags(v.tags()));
    }
    ObjectNode item = Json.object();
    item.put("id", baseUrl + "/certificates/" + r.name());
    item.set(
        "attributes",
        VaultObjectJson.attributes(
            false,
            null,
            null,
            r.policy().created().getEpochSecond(),
            r.policy().updated().getEpochSecond()));
    return item;
  }

  /** A list item of one version ({@code id} with the version). */
  static ObjectNode versionItem(CertificateVersion v, String baseUrl) {
    ObjectNode item =
        CertificateJson.item(baseUrl, v.name(), v.leaf(), attributes(v), tags(v.tags()));
    item.put("id", baseUrl + "/certificates/" + v.name() + "/" + v.version());
    return item;
  }

  static ObjectNode deletedItem(CertificateRecord r, String baseUrl) {
    ObjectNode item;
    if (r.hasVersions()) {
      CertificateVersion v = r.latest();
      item =
          CertificateJson.deletedItem(baseUrl, r.name(), v.leaf(), attributes(v), tags(v.tags()));
    } else {
      item = item(r, baseUrl);
    }
    addDeleted(item, r, baseUrl);
    return item;
  }

  static ObjectNode operation(PendingCertificate p, String baseUrl) {
    return CertificateJson.operation(baseUrl, p.name(), p.operation());
  }

  private static CertificateAttributes attributes(CertificateVersion v) {
    return new CertificateAttributes(
        v.enabled(),
        v.created(),
        v.updated(),
        NameTable.RECOVERY_LEVEL,
        NameTable.RECOVERABLE_DAYS);
  }

  /** Tags as the keys API renders them: omitted when there are none, sorted by name. */
  private static Map<String, String> tags(Map<String, String> tags) {
    return tags.isEmpty() ? null : new java.util.TreeMap<>(tags);
  }

  private static void addDeleted(ObjectNode b, CertificateRecord r, String baseUrl) {
    VaultObjectJson.putDeleted(
        b, baseUrl + "/deletedcertificates/" + r.name(), r.deletedDate(), r.scheduledPurgeDate());
  }
}
