package dev.keybridge.management.certificates;

import com.azure.security.keyvault.certificates.models.CertificateContentType;
import com.azure.security.keyvault.certificates.models.CertificateKeyCurveName;
import com.azure.security.keyvault.certificates.models.CertificateKeyType;
import com.azure.security.keyvault.certificates.models.CertificateKeyUsage;
import com.azure.security.keyvault.certificates.models.CertificatePolicy;
import com.azure.security.keyvault.certificates.models.SubjectAlternativeNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a new certificate should look like: subject, subject alternative names, extended key usages
 * (OIDs), key usages, validity, and its key (RSA of a size or EC on a curve, optionally HSM).
 * Immutable; the same request serves a self-signed certificate and a CSR for an external CA.
 */
public final class CertificateRequest {
  /** TLS server authentication. */
  public static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  /** TLS client authentication. */
  public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  /** Code signing (jarsigner, Authenticode). */
  public static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

  private final String subject;
  private final List<String> dnsNames;
  private final List<String> emails;
  private final List<String> userPrincipalNames;
  private final List<String> extendedKeyUsages;
  private final List<CertificateKeyUsage> keyUsages;
  private final int validityMonths;
  private final CertificateKeyType keyType;
  private final Integer keySize;
  private final CertificateKeyCurveName curve;
  private final boolean exportable;
  private final boolean reuseKey;
  private final CertificateContentType contentType;
  private final Map<String, String> tags;
  private final boolean enabled;

  private CertificateRequest(Builder b) {
    this.enabled = b.enabled;
    this.subject = b.subject;
    this.dnsNames = List.copyOf(b.dnsNames);
    this.emails = List.copyOf(b.emails);
    this.userPrincipalNames = List.copyOf(b.userPrincipalNames);
    this.extendedKeyUsages = List.copyOf(b.extendedKeyUsages);
    this.keyUsages = List.copyOf(b.keyUsages);
    this.validityMonths = b.validityMonths;
    this.keyType = b.keyType;
    this.keySize = b.keySize;
    this.curve = b.curve;
    this.exportable = b.exportable;
    this.reuseKey = b.reuseKey;
    this.contentType = b.contentType;
    this.tags = Map.copyOf(b.tags);
  }

  /** A request for {@code subject} (an X.500 name such as {@code CN=app.example.com}). */
  public static Builder builder(String subject) {
    return new Builder(subject);
  }

  public String subject() {
    return subject;
  }

  public List<String> dnsNames() {
    return dnsNames;
  }

  public List<String> extendedKeyUsages() {
    return extendedKeyUsages;
  }

  public List<CertificateKeyUsage> keyUsages() {
    return keyUsages;
  }

  public int validityMonths() {
    return validityMonths;
  }

  public CertificateKeyType keyType() {
    return keyType;
  }

  public Map<String, String> tags() {
    return tags;
  }

  public boolean enabled() {
    return enabled;
  }

  /** The SDK policy for issuer {@code Self} (self-signed) or {@code Unknown} (external CA). */
  public CertificatePolicy toPolicy(String issuerName) {
    CertificatePolicy policy = new CertificatePolicy(issuerName, subject);
    if (!dnsNames.isEmpty() || !emails.isEmpty() || !userPrincipalNames.isEmpty()) {
      SubjectAlternativeNames sans = new SubjectAlternativeNames();
      if (!dnsNames.isEmpty()) {
        sans.setDnsNames(new ArrayList<>(dnsNames));
      }
      if (!emails.isEmpty()) {
        sans.setEmails(new ArrayList<>(emails));
      }
      if (!userPrincipalNames.isEmpty()) {
        sans.setUserPrincipalNames(new ArrayList<>(userPrincipalNames));
      }
      policy.setSubjectAlternativeNames(sans);
    }
    if (!extendedKeyUsages.isEmpty()) {
      policy.setEnhancedKeyUsage(new ArrayList<>(extendedKeyUsages));
    }
    if (!keyUsages.isEmpty()) {
      policy.setKeyUsage(keyUsages.toArray(new CertificateKeyUsage[0]));
    }
    policy
        .setEnabled(enabled)
        .setValidityInMonths(validityMonths)
        .setKeyType(keyType)
        .setExportable(exportable)
        .setKeyReusable(reuseKey)
        .setContentType(contentType);
    if (keySize != null) {
      policy.setKeySize(keySize);
    }
    if (curve != null) {
      policy.setKeyCurveName(curve);
    }
    return policy;
  }

  @Override
  public String toString() {
    return "CertificateRequest{subject="
        + subject
        + ", dns="
        + dnsNames
        + ", ekus="
        + extendedKeyUsages
        + ", months="
        + validityMonths
        + ", key="
        + keyType
        + (keySize != null ? "/" + keySize : "")
        + (curve != null ? "/" + curve : "")
        + "}";
  }

  /** Builder; defaults: RSA 2048, 12 months, exportable, PKCS#12 secret, no SANs. */
  public static final class Builder {
    private final String subject;
    private final List<String> dnsNames = new ArrayList<>();
    private final List<String> emails = new ArrayList<>();
    private final List<String> userPrincipalNames = new ArrayList<>();
    private final List<String> extendedKeyUsages = new ArrayList<>();
    private final List<CertificateKeyUsage> keyUsages = new ArrayList<>();
    private int validityMonths = 12;
    private CertificateKeyType keyType = CertificateKeyType.RSA;
    private Integer keySize = 2048;
    private CertificateKeyCurveName curve;
    private boolean exportable = true;
    private boolean reuseKey;
    private CertificateContentType contentType = CertificateContentType.PKCS12;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private boolean enabled = true;

    private Builder(String subject) {
      this.subject = subject;
    }

    public Builder dnsNames(String... names) {
      dnsNames.addAll(List.of(names));
      return this;
    }

    public Builder emails(String... addresses) {
      emails.addAll(List.of(addresses));
      return this;
    }

    public Builder userPrincipalNames(String... names) {
      userPrincipalNames.addAll(List.of(names));
      return this;
    }

    /** Extended key usage OIDs, e.g. {@link #SERVER_AUTH}, {@link #CODE_SIGNING}. */
    public Builder extendedKeyUsages(String... oids) {
      extendedKeyUsages.addAll(List.of(oids));
      return this;
    }

    public Builder keyUsages(CertificateKeyUsage... usages) {
      keyUsages.addAll(List.of(usages));
      return this;
    }

    public Builder validityMonths(int months) {
      this.validityMonths = months;
      return this;
    }

    /** An RSA key of {@code size} bits (2048, 3072, 4096). */
    public Builder rsa(int size, boolean hsm) {
      this.keyType = hsm ? CertificateKeyType.RSA_HSM : CertificateKeyType.RSA;
      this.keySize = size;
      this.curve = null;
      return this;
    }

    /** An EC key on {@code curveName}. */
    public Builder ec(CertificateKeyCurveName curveName, boolean hsm) {
      this.keyType = hsm ? CertificateKeyType.EC_HSM : CertificateKeyType.EC;
      this.curve = Objects.requireNonNull(curveName, "curve");
      this.keySize = null;
      return this;
    }

    public Builder exportable(boolean value) {
      this.exportable = value;
      return this;
    }

    public Builder reuseKey(boolean value) {
      this.reuseKey = value;
      return this;
    }

    /** Format of the certificate's secret: PKCS#12 (default) or PEM. */
    public Builder contentType(CertificateContentType type) {
      this.contentType = Objects.requireNonNull(type, "contentType");
      return this;
    }

    /** Whether the certificate (and its key and secret) is enabled once issued; default true. */
    public Builder enabled(boolean value) {
      this.enabled = value;
      return this;
    }

    public Builder tag(String name, String value) {
      tags.put(name, value);
      return this;
    }

    /**
     * @throws IllegalArgumentException for an empty subject, validity outside 1 to 1200 months, or
     *     an RSA size other than 2048, 3072, 4096
     */
    public CertificateRequest build() {
      if (subject == null || subject.isBlank() || !subject.contains("=")) {
        throw new IllegalArgumentException(
            "certificate subject must be an X.500 name like CN=example.com, was '" + subject + "'");
      }
      if (validityMonths < 1 || validityMonths > 1200) {
        throw new IllegalArgumentException(
            "validity must be 1 to 1200 months, was " + validityMonths);
      }
      if (keySize != null && keySize != 2048 && keySize != 3072 && keySize != 4096) {
        throw new IllegalArgumentException("RSA key size must be 2048, 3072 or 4096");
      }
      return new CertificateRequest(this);
    }
  }
}
