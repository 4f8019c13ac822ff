package dev.keybridge.localvault.certificates.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.certificates.CertificateOperation;
import dev.keybridge.localvault.certificates.IssuerParameters;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.storage.StorageException;

/** The stored form of a {@link CertificateOperation} (a JSON column of the operations table). */
final class StoredOperation {
  private StoredOperation() {}

  static ObjectNode toJson(CertificateOperation op) {
    ObjectNode n = Json.object();
    n.set("issuer", op.issuer().toJson());
    n.put("csr", op.csr());
    n.put("cancellation_requested", op.cancellationRequested());
    n.put("status", op.status().wireName());
    n.put("status_details", op.statusDetails());
    n.put("error_code", op.errorCode());
    n.put("error_message", op.errorMessage());
    n.put("request_id", op.requestId());
    return n;
  }

  static CertificateOperation fromJson(JsonNode n) {
    CertificateOperation.Status status = null;
    for (CertificateOperation.Status s : CertificateOperation.Status.values()) {
      if (s.wireName().equals(n.path("status").asText())) {
        status = s;
      }
    }
    if (status == null) {
      throw new StorageException("corrupt certificate operation row: unknown status");
    }
    return new CertificateOperation(
        IssuerParameters.fromJson(n.get("issuer")),
        text(n, "csr"),
        n.path("cancellation_requested").asBoolean(),
        status,
        text(n, "status_details"),
        text(n, "error_code"),
        text(n, "error_message"),
        n.path("request_id").asText());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
