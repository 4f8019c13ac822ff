package dev.keybridge.localvault.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code issuer} of a certificate policy. The local vault issues only self-signed certificates
 * ({@code Self}) and leaves the others to an outside CA through CSR and merge ({@code Unknown}).
 *
 * @param name {@code Self} or {@code Unknown}
 * @param certificateType the {@code cty} the caller set (e.g. {@code OV-SSL}), or null; kept, not
 *     interpreted
 * @param certificateTransparency the {@code cert_transparency} flag the caller set, or null
 */
public record IssuerParameters(
    String name, String certificateType, Boolean certificateTransparency) {
  /** The self-signing issuer. */
  public static final IssuerParameters SELF = new IssuerParameters("Self", null, null);

  /** The outside-CA issuer: the certificate arrives through {@code pending/merge} or import. */
  public static final IssuerParameters UNKNOWN = new IssuerParameters("Unknown", null, null);

  /**
   * Parses {@code issuer}; absent means {@code Self}. The name is matched case-insensitively.
   *
   * @throws dev.keybridge.localvault.VaultError 400 naming {@code issuer.name} for any issuer but
   *     Self and Unknown, since the local vault has no certificate issuers configured
   */
  public static IssuerParameters fromJson(JsonNode json) {
    String name = JsonFields.text(json, "name", "issuer.name");
    String cty = JsonFields.text(json, "cty", "issuer.cty");
    Boolean transparency = JsonFields.bool(json, "cert_transparency", "issuer.cert_transparency");
    String canonical;
    if (name == null || "Self".equalsIgnoreCase(name)) {
      canonical = "Self";
    } else if ("Unknown".equalsIgnoreCase(name)) {
      canonical = "Unknown";
    } else {
      throw JsonFields.invalid(
          "issuer.name",
          "must be Self or Unknown: the local vault has no issuer named '" + name + "'");
    }
    return new IssuerParameters(canonical, cty, transparency);
  }

  /** True for {@code Self}: the vault signs the certificate with its own key. */
  public boolean isSelf() {
    return "Self".equals(name);
  }

  /** True for {@code Unknown}: the certificate must be merged or imported. */
  public boolean isUnknown() {
    return "Unknown".equals(name);
  }

  /** Renders {@code issuer}: name, and cty and cert_transparency when set. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", name);
    if (certificateType != null) {
      json.put("cty", certificateType);
    }
    if (certificateTransparency != null) {
      json.put("cert_transparency", certificateTransparency);
    }
    return json;
  }
}
