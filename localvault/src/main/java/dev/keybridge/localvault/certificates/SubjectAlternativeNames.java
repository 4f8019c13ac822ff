package dev.keybridge.localvault.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code x509_props.sans} of a certificate policy. Every list is non-null and immutable.
 *
 * @param emails RFC 822 names
 * @param dnsNames DNS names, a leading {@code *.} wildcard allowed
 * @param upns user principal names (otherName {@code 1.3.6.1.4.1.311.20.2.3})
 */
public record SubjectAlternativeNames(
    List<String> emails, List<String> dnsNames, List<String> upns) {

  /** No names at all. */
  public static final SubjectAlternativeNames NONE =
      new SubjectAlternativeNames(List.of(), List.of(), List.of());

  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private static final Pattern UPN = Pattern.compile("[^@\\s]+@[^@\\s]+");

  /** Copies the lists into immutable ones; none may be null. */
  public SubjectAlternativeNames {
    emails = List.copyOf(emails);
    dnsNames = List.copyOf(dnsNames);
    upns = List.copyOf(upns);
  }

  /**
   * Parses {@code sans}; absent lists are empty.
   *
   * @throws dev.keybridge.localvault.VaultError 400 naming the element that is not a plausible
   *     email address, DNS name (at most 253 characters) or UPN ({@code user@domain})
   */
  public static SubjectAlternativeNames fromJson(JsonNode json) {
    String base = "x509_props.sans.";
    List<String> emails =
        check(
            JsonFields.textList(json, "emails", base + "emails"),
            EMAIL,
            base + "emails",
            "an email address");
    List<String> dns =
        check(
            JsonFields.textList(json, "dns_names", base + "dns_names"),
            DNS_NAME,
            base + "dns_names",
            "a DNS name");
    List<String> upns =
        check(
            JsonFields.textList(json, "upns", base + "upns"),
            UPN,
            base + "upns",
            "a user principal name");
    return new SubjectAlternativeNames(emails, dns, upns);
  }

  /** True when there is no name of any kind. */
  public boolean isEmpty() {
    return emails.isEmpty() && dnsNames.isEmpty() && upns.isEmpty();
  }

  /** Renders {@code sans} with the non-empty lists only, as the service does. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    put(json, "emails", emails);
    put(json, "dns_names", dnsNames);
    put(json, "upns", upns);
    return json;
  }

  private static void put(ObjectNode json, String field, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = json.putArray(field);
      values.forEach(array::add);
    }
  }

  private static List<String> check(
      List<String> values, Pattern pattern, String path, String what) {
    if (values == null) {
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value.length() > 253 || !pattern.matcher(value).matches()) {
        throw JsonFields.invalid(path + "[" + i + "]", "is not " + what + ": '" + value + "'");
      }
    }
    return values;
  }
}
