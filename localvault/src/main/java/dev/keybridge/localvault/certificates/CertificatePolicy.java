package dev.keybridge.localvault.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Key Vault certificate policy: how each version of a certificate is made (key, subject,
 * extensions, validity, issuer) and in which format its secret is kept. Immutable; parsed from and
 * rendered to the service's JSON, with the service's defaults filled in so that what is rendered is
 * exactly what applies.
 *
 * @param keyProperties {@code key_props}
 * @param contentType {@code secret_props.contentType}
 * @param x509Properties {@code x509_props}
 * @param lifetimeActions {@code lifetime_actions}, possibly empty
 * @param issuer {@code issuer}
 * @param enabled {@code attributes.enabled}
 * @param created {@code attributes.created}, or null until the vault stores the policy
 * @param updated {@code attributes.updated}, or null until the vault stores the policy
 */
public record CertificatePolicy(
    CertificateKeyProperties keyProperties,
    CertificateContentType contentType,
    X509Properties x509Properties,
    List<LifetimeAction> lifetimeActions,
    IssuerParameters issuer,
    boolean enabled,
    Instant created,
    Instant updated) {

  /** Copies {@code lifetimeActions} into an immutable list. */
  public CertificatePolicy {
    lifetimeActions = List.copyOf(lifetimeActions);
  }

  /**
   * Parses a policy as sent on create, import and update, applying the service defaults for every
   * absent member: exportable RSA 2048 without key reuse, {@code application/x-pkcs12}, EKUs server
   * and client authentication, key usage digitalSignature + keyEncipherment (RSA) or
   * digitalSignature (EC), 12 months, issuer {@code Self}, one lifetime action at 80% of the
   * lifetime ({@code AutoRenew} for Self, {@code EmailContacts} otherwise), enabled. Server-set
   * members ({@code id}, {@code attributes.created/updated}) and unknown members are ignored.
   *
   * @param json the policy object, or null for a policy of defaults only
   * @throws VaultError 400 {@code BadParameter} whose message names the offending member (e.g.
   *     {@code x509_props.validity_months}) for a wrong type or an unsupported value
   */
  public static CertificatePolicy fromJson(JsonNode json) {
    if (json != null && !json.isNull() && !json.isObject()) {
      throw VaultError.badParameter("Invalid certificate policy: policy must be a JSON object");
    }
    CertificateKeyProperties key =
        CertificateKeyProperties.fromJson(JsonFields.object(json, "key_props", "key_props"));
    JsonNode secretProps = JsonFields.object(json, "secret_props", "secret_props");
    String mediaType = JsonFields.text(secretProps, "contentType", "secret_props.contentType");
    CertificateContentType contentType =
        mediaType == null
            ? CertificateContentType.PKCS12
            : CertificateContentType.fromMediaType(mediaType, "secret_props.contentType");
    X509Properties x509 =
        X509Properties.fromJson(JsonFields.object(json, "x509_props", "x509_props"), key.isEc());
    IssuerParameters issuer =
        IssuerParameters.fromJson(JsonFields.object(json, "issuer", "issuer"));
    List<LifetimeAction> actions = lifetimeActions(json, issuer, x509.validityMonths());
    JsonNode attributes = JsonFields.object(json, "attributes", "attributes");
    Boolean enabled = JsonFields.bool(attributes, "enabled", "attributes.enabled");
    return new CertificatePolicy(
        key, contentType, x509, actions, issuer, enabled == null || enabled, null, null);
  }

  /**
   * The policy for a certificate imported without one: issuer {@code Unknown}, key properties from
   * the certificate's public key (exportable, no key reuse), subject, SANs, EKUs, key usage and
   * validity from the certificate, one {@code EmailContacts} action at 80%.
   *
   * @throws VaultError 400 if the certificate's key is not RSA or EC on a supported curve
   */
  public static CertificatePolicy fromCertificate(
      X509Certificate leaf, CertificateContentType contentType) {
    return new CertificatePolicy(
        CertificateKeyProperties.DEFAULT.describing(leaf.getPublicKey()),
        contentType,
        X509Properties.describing(leaf),
        List.of(LifetimeAction.at80Percent("EmailContacts")),
        IssuerParameters.UNKNOWN,
        true,
        null,
        null);
  }

  /**
   * This policy adjusted to describe an actual certificate, as the service does on import with a
   * policy: kty, key size and curve from the certificate's key, x509_props from the certificate;
   * exportable, reuse_key, content type, issuer, lifetime actions and timestamps are kept.
   *
   * @throws VaultError 400 if the certificate's key is not RSA or EC on a supported curve
   */
  public CertificatePolicy describing(X509Certificate leaf) {
    return new CertificatePolicy(
        keyProperties.describing(leaf.getPublicKey()),
        contentType,
        X509Properties.describing(leaf),
        lifetimeActions,
        issuer,
        enabled,
        created,
        updated);
  }

  /**
   * Applies an update ({@code PATCH /certificates/{name}/policy}): members present in {@code patch}
   * replace those of this policy (objects merge member by member, arrays are replaced); the rest
   * stays. Changing the key family or the curve drops the old size and curve so that the new ones
   * follow the defaults. Timestamps are kept; the caller sets {@code updated}.
   *
   * @throws VaultError 400 as {@link #fromJson} for an invalid result
   */
  public CertificatePolicy update(JsonNode patch) {
    if (patch == null || patch.isNull()) {
      return this;
    }
    if (!patch.isObject()) {
      throw VaultError.badParameter("Invalid certificate policy: policy must be a JSON object");
    }
    ObjectNode merged = toJson(null);
    JsonNode keyPatch = patch.get("key_props");
    if (keyPatch != null && keyPatch.isObject()) {
      ObjectNode keyProps = (ObjectNode) merged.get("key_props");
      JsonNode kty = keyPatch.get("kty");
      boolean familyChanges =
          kty != null
              && kty.isTextual()
              && kty.textValue().startsWith("EC") != keyProperties.isEc();
      if (familyChanges || keyPatch.has("crv")) {
        keyProps.remove("key_size");
      }
      if (familyChanges || keyPatch.has("key_size")) {
        keyProps.remove("crv");
      }
    }
    merge(merged, (ObjectNode) patch);
    CertificatePolicy result = fromJson(merged);
    return result.withTimestamps(created, updated);
  }

  /**
   * This policy as a create request makes it: as Azure's, the policy of a created certificate lists
   * {@code x509_props.sans} (empty without names) even when the request did not.
   */
  public CertificatePolicy forCreate() {
    return new CertificatePolicy(
        keyProperties,
        contentType,
        x509Properties.withSansListed(),
        lifetimeActions,
        issuer,
        enabled,
        created,
        updated);
  }

  /** This policy with the vault's timestamps. */
  public CertificatePolicy withTimestamps(Instant created, Instant updated) {
    return new CertificatePolicy(
        keyProperties,
        contentType,
        x509Properties,
        lifetimeActions,
        issuer,
        enabled,
        created,
        updated);
  }

  /**
   * Checks what creating a certificate needs beyond a valid policy: a subject or at least one SAN.
   *
   * @throws VaultError 400 naming {@code x509_props.subject} when both are empty
   */
  public void validateForCreate() {
    if (x509Properties.subject().isEmpty() && x509Properties.sans().isEmpty()) {
      throw JsonFields.invalid(
          "x509_props.subject",
          "is required when x509_props.sans names no subject alternative name");
    }
  }

  /**
   * Renders the policy as the service returns it.
   *
   * @param id the policy id ({@code https://host/certificates/{name}/policy}), or null to omit it
   */
  public ObjectNode toJson(String id) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    if (id != null) {
      json.put("id", id);
    }
    json.set("key_props", keyProperties.toJson());
    json.putObject("secret_props").put("contentType", contentType.mediaType());
    json.set("x509_props", x509Properties.toJson());
    ArrayNode actions = json.putArray("lifetime_actions");
    lifetimeActions.forEach(a -> actions.add(a.toJson()));
    json.set("issuer", issuer.toJson());
    ObjectNode attributes = json.putObject("attributes");
    attributes.put("enabled", enabled);
    if (created != null) {
      attributes.put("created", created.getEpochSecond());
    }
    if (updated != null) {
      attributes.put("updated", updated.getEpochSecond());
    }
    return json;
  }

  private static List<LifetimeAction> lifetimeActions(
      JsonNode json, IssuerParameters issuer, int validityMonths) {
    JsonNode node = json == null ? null : json.get("lifetime_actions");
    if (node == null || node.isNull()) {
      return List.of(LifetimeAction.at80Percent(issuer.isSelf() ? "AutoRenew" : "EmailContacts"));
    }
    if (!node.isArray()) {
      throw JsonFields.invalid("lifetime_actions", "must be an array");
    }
    List<LifetimeAction> actions = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "lifetime_actions[" + i + "]";
      LifetimeAction action = LifetimeAction.fromJson(node.get(i), path);
      // The service's bound: a renewal trigger must fall inside the certificate's lifetime.
      if (action.daysBeforeExpiry() != null && action.daysBeforeExpiry() > 27 * validityMonths) {
        throw JsonFields.invalid(
            path + ".trigger.days_before_expiry",
            "must be at most 27 x validity_months = " + 27 * validityMonths);
      }
      actions.add(action);
    }
    return actions;
  }

  private static void merge(ObjectNode target, ObjectNode patch) {
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing != null && existing.isObject() && field.getValue().isObject()) {
        merge((ObjectNode) existing, (ObjectNode) field.getValue());
      } else if (!field.getValue().isNull()) {
        target.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }
}
