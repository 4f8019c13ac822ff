package dev.keybridge.localvault.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The {@code x509_props} of a certificate policy: what goes into the certificate.
 *
 * @param subject the subject distinguished name in RFC 2253 form (first RDN most specific), or the
 *     empty string when the certificate names its subject only through SANs
 * @param ekus extended key usage OIDs in dotted form; empty means no EKU extension
 * @param sans subject alternative names
 * @param keyUsage key usage bits; empty means no key usage extension
 * @param validityMonths months from issuance to expiry, 1 to 1200
 * @param ca the {@code basic_constraints.ca} flag
 * @param sansListed whether the policy has a {@code sans} object (even empty): as Azure, a policy
 *     made from a certificate without subject alternative names (import) has none
 */
public record X509Properties(
    String subject,
    List<String> ekus,
    SubjectAlternativeNames sans,
    List<CertificateKeyUsage> keyUsage,
    int validityMonths,
    boolean ca,
    boolean sansListed) {

  /** Server and client authentication, the service's EKUs when a policy names none. */
  public static final List<String> DEFAULT_EKUS = List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");

  static final int MAX_VALIDITY_MONTHS = 1200;

  /** Copies {@code ekus} and {@code keyUsage} into immutable lists. */
  public X509Properties {
    ekus = List.copyOf(ekus);
    keyUsage = List.copyOf(keyUsage);
  }

  /** Properties whose policy lists {@code sans}. */
  public X509Properties(
      String subject,
      List<String> ekus,
      SubjectAlternativeNames sans,
      List<CertificateKeyUsage> keyUsage,
      int validityMonths,
      boolean ca) {
    this(subject, ekus, sans, keyUsage, validityMonths, ca, true);
  }

  /**
   * Parses {@code x509_props} with the service defaults: no subject, EKUs server and client
   * authentication, key usage digitalSignature + keyEncipherment (RSA) or digitalSignature (EC), 12
   * months, not a CA.
   *
   * @param json the {@code x509_props} object, or null for all defaults
   * @param ecKey whether the policy's key type is EC (chooses the default key usage)
   * @throws dev.keybridge.localvault.VaultError 400 naming the member for a subject that is not an
   *     X.500 name, an EKU that is not an OID, an unknown key usage, or validity_months out of
   *     range
   */
  public static X509Properties fromJson(JsonNode json, boolean ecKey) {
    String subject = JsonFields.text(json, "subject", "x509_props.subject");
    subject = subject == null ? "" : subject.trim();
    if (!subject.isEmpty()) {
      try {
        new X500Principal(subject);
      } catch (IllegalArgumentException e) {
        throw JsonFields.invalid(
            "x509_props.subject", "is not an X.500 distinguished name: '" + subject + "'");
      }
    }
    List<String> ekus = JsonFields.textList(json, "ekus", "x509_props.ekus");
    if (ekus == null) {
      ekus = DEFAULT_EKUS;
    }
    for (int i = 0; i < ekus.size(); i++) {
      if (ASN1ObjectIdentifier.tryFromID(ekus.get(i)) == null) {
        throw JsonFields.invalid(
            "x509_props.ekus[" + i + "]", "is not an object identifier: '" + ekus.get(i) + "'");
      }
    }
    List<String> usageNames = JsonFields.textList(json, "key_usage", "x509_props.key_usage");
    List<CertificateKeyUsage> usages = new ArrayList<>();
    if (usageNames == null) {
      usages.add(CertificateKeyUsage.DIGITAL_SIGNATURE);
      if (!ecKey) {
        usages.add(CertificateKeyUsage.KEY_ENCIPHERMENT);
      }
    } else {
      for (int i = 0; i < usageNames.size(); i++) {
        CertificateKeyUsage usage =
            CertificateKeyUsage.fromJsonName(usageNames.get(i), "x509_props.key_usage[" + i + "]");
        if (!usages.contains(usage)) {
          usages.add(usage);
        }
      }
    }
    Integer months = JsonFields.integer(json, "validity_months", "x509_props.validity_months");
    if (months == null) {
      months = 12;
    }
    if (months < 1 || months > MAX_VALIDITY_MONTHS) {
      throw JsonFields.invalid(
          "x509_props.validity_months",
          "must be between 1 and " + MAX_VALIDITY_MONTHS + " (got " + months + ")");
    }
    JsonNode constraints =
        JsonFields.object(json, "basic_constraints", "x509_props.basic_constraints");
    Boolean ca = JsonFields.bool(constraints, "ca", "x509_props.basic_constraints.ca");
    JsonNode sansJson = JsonFields.object(json, "sans", "x509_props.sans");
    SubjectAlternativeNames sans = SubjectAlternativeNames.fromJson(sansJson);
    return new X509Properties(
        subject, ekus, sans, usages, months, ca != null && ca, sansJson != null);
  }

  /**
   * The properties an existing certificate has: its subject, SANs, EKUs, key usage, CA flag, and
   * its validity rounded to whole months (at least 1).
   */
  public static X509Properties describing(X509Certificate certificate) {
    String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    List<String> ekus;
    try {
      List<String> list = certificate.getExtendedKeyUsage();
      ekus = list == null ? List.of() : list;
    } catch (CertificateParsingException e) {
      ekus = List.of();
    }
    List<CertificateKeyUsage> usages = new ArrayList<>();
    boolean[] bits = certificate.getKeyUsage();
    if (bits != null) {
      CertificateKeyUsage[] all = CertificateKeyUsage.values();
      for (int i = 0; i < Math.min(bits.length, all.length); i++) {
        if (bits[i]) {
          usages.add(all[i]);
        }
      }
    }
    SubjectAlternativeNames sans = sansOf(certificate);
    return new X509Properties(
        subject,
        ekus,
        sans,
        usages,
        monthsOf(certificate),
        certificate.getBasicConstraints() >= 0,
        !sans.isEmpty());
  }

  /** These properties with {@code sans} listed (empty when there are no names). */
  public X509Properties withSansListed() {
    return new X509Properties(subject, ekus, sans, keyUsage, validityMonths, ca, true);
  }

  /**
   * Renders {@code x509_props}; {@code sans} when the policy lists it (see {@link #sansListed}).
   */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("subject", subject);
    ArrayNode ekuArray = json.putArray("ekus");
    ekus.forEach(ekuArray::add);
    if (sansListed) {
      json.set("sans", sans.toJson());
    }
    ArrayNode usageArray = json.putArray("key_usage");
    keyUsage.forEach(u -> usageArray.add(u.jsonName()));
    json.put("validity_months", validityMonths);
    json.putObject("basic_constraints").put("ca", ca);
    return json;
  }

  /** The subject as a Bouncy Castle name, in the DER order {@link X500Principal} gives it. */
  X500Name x500Name() {
    return X500Name.getInstance(new X500Principal(subject).getEncoded());
  }

  private static SubjectAlternativeNames sansOf(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return SubjectAlternativeNames.NONE;
    }
    if (names == null) {
      return SubjectAlternativeNames.NONE;
    }
    List<String> emails = new ArrayList<>();
    List<String> dns = new ArrayList<>();
    List<String> upns = new ArrayList<>();
    for (List<?> name : names) {
      int type = (Integer) name.get(0);
      if (type == 1) {
        emails.add((String) name.get(1));
      } else if (type == 2) {
        dns.add((String) name.get(1));
      } else if (type == 0) {
        String upn = UserPrincipalName.decode((byte[]) name.get(1));
        if (upn != null) {
          upns.add(upn);
        }
      }
    }
    return new SubjectAlternativeNames(emails, dns, upns);
  }

  private static int monthsOf(X509Certificate certificate) {
    ZonedDateTime from = certificate.getNotBefore().toInstant().atZone(ZoneOffset.UTC);
    ZonedDateTime to = certificate.getNotAfter().toInstant().atZone(ZoneOffset.UTC);
    long months = ChronoUnit.MONTHS.between(from, to);
    if (Duration.between(from.plusMonths(months), to).toDays() >= 15) {
      months++;
    }
    return (int) Math.max(1, Math.min(MAX_VALIDITY_MONTHS, months));
  }
}
