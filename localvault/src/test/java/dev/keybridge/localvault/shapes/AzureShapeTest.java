package dev.keybridge.localvault.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.VaultHttp;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local vault's answers have the fields Azure's have: each test compares the field paths of a
 * local answer with a response recorded from the real service (test resources {@code
 * azure-recordings/}, sources in their README). Every field Azure sends must be there, and the
 * local vault may add only fields of newer API versions than the recording's (named per test).
 */
class AzureShapeTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String V = "?api-version=7.6";
  private static final String SELF_POLICY =
      "{\"policy\":{\"key_props\":{},\"secret_props\":{},\"x509_props\":{\"subject\":\"cn=MyCert\","
          + "\"sans\":{}},\"issuer\":{\"name\":\"Self\"},\"attributes\":{}},\"attributes\":{}}";

  @Test
  void certificateCreateAnswersAsAzureDoes() throws Exception {
    VaultHttp.Response created =
        VAULT
            .http()
            .send(
                "POST", "/certificates/shape-1/create" + V, VAULT.http().adminToken(), SELF_POLICY);
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    assertThat(created.headers().firstValue("Retry-After")).isPresent();
    assertSameFields(
        created.json(), recorded("certificate-create-202.json"), Set.of("/preserveCertOrder"));
  }

  @Test
  void certificateBundleHasAzuresFields() throws Exception {
    String admin = VAULT.http().adminToken();
    VAULT.http().send("POST", "/certificates/shape-2/create" + V, admin, SELF_POLICY);
    VaultHttp.Response bundle = VAULT.http().send("GET", "/certificates/shape-2/" + V, admin, null);
    assertThat(bundle.status()).isEqualTo(200);
    // The recording caught the version while pending: the local one is complete, so it also has
    // the certificate (kid, sid, x5t, cer) and, from API 7.1 on, recoverableDays, tags and
    // preserveCertOrder.
    assertSameFields(
        bundle.json(),
        recorded("certificate-get.json"),
        Set.of(
            "/kid",
            "/sid",
            "/x5t",
            "/cer",
            "/tags",
            "/preserveCertOrder",
            "/attributes/recoverableDays"));
  }

  private static void assertSameFields(JsonNode local, JsonNode azure, Set<String> newer) {
    Set<String> localFields = paths(local);
    Set<String> azureFields = paths(azure);
    assertThat(localFields).as("fields Azure sends").containsAll(azureFields);
    Set<String> extra = new TreeSet<>(localFields);
    extra.removeAll(azureFields);
    extra.removeIf(p -> newer.stream().anyMatch(n -> p.equals(n) || p.startsWith(n + "/")));
    assertThat(extra).as("fields Azure does not send").isEmpty();
  }

  /** Field paths of objects ({@code /a/b}); arrays contribute the paths of their elements. */
  static Set<String> paths(JsonNode node) {
    Set<String> out = new TreeSet<>();
    collect(node, "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, Set<String> out) {
    if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        out.add(prefix + "/" + name);
        collect(node.get(name), prefix + "/" + name, out);
      }
    } else if (node.isArray()) {
      node.forEach(e -> collect(e, prefix + "[]", out));
    }
  }

  private static JsonNode recorded(String file) throws IOException {
    try (InputStream in = AzureShapeTest.class.getResourceAsStream("/azure-recordings/" + file)) {
      return JSON.readTree(in);
    }
  }
}
