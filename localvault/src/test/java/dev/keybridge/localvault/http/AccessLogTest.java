package dev.keybridge.localvault.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.KeyType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.localvault.testing.AccessLog;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import dev.keybridge.localvault.testing.RawVaultHttp;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DIR/access.log: one JSON line per request in the DESIGN.md format, never a secret. */
class AccessLogTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesOneLinePerRequestWithTheContractFieldsAndNoSecrets() throws Exception {
    AccessLog log = VAULT.accessLog();
    RawVaultHttp http = VAULT.http();
    long mark = log.mark();
    String token = http.adminToken();
    RawVaultHttp.Response created =
        http.send(
            "POST",
            "/keys/logged/create?api-version=7.6&secret=hunter2",
            token,
            "{\"kty\":\"EC\"}");
    assertThat(created.status()).isEqualTo(200);
    http.send("GET", "/keys/missing?api-version=7.6", token, null);
    http.send("GET", "/keys/logged?api-version=7.6", null, null);

    List<AccessLog.Entry> entries = log.since(mark);
    assertThat(entries).hasSize(4);
    AccessLog.Entry tokenCall = entries.get(0);
    assertThat(tokenCall.path()).isEqualTo("/" + VAULT.vault().tenantId() + "/oauth2/v2.0/token");
    assertThat(tokenCall.status()).isEqualTo(200);
    AccessLog.Entry create = entries.get(1);
    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.path()).isEqualTo("/keys/logged/create");
    assertThat(create.status()).isEqualTo(200);
    assertThat(create.error()).isNull();
    assertThat(create.client()).isEqualTo(VAULT.vault().adminClientId());
    assertThat(create.latencyMs()).isGreaterThan(0);
    assertThat(create.conn()).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(create.time()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z");
    assertThat(entries.get(2).status()).isEqualTo(404);
    assertThat(entries.get(2).error()).isEqualTo("KeyNotFound");
    assertThat(entries.get(3).status()).isEqualTo(401);
    assertThat(entries.get(3).error()).isEqualTo("Unauthorized");
    assertThat(entries.get(3).client()).isNull();

    for (String line : log.lines()) {
      JsonNode n = JSON.readTree(line);
      Iterator<String> names = n.fieldNames();
      assertThat(names)
          .toIterable()
          .containsExactly(
              "time", "method", "path", "status", "latencyMs", "error", "client", "conn");
    }
    String all = Files.readString(log.file());
    assertThat(all)
        .doesNotContain(token)
        .doesNotContain(VAULT.vault().adminClientSecret())
        .doesNotContain("hunter2")
        .doesNotContain("api-version");
  }

  @Test
  void sdkTrafficIsAttributedToTheClientAndOneConnection() {
    AccessLog log = VAULT.accessLog();
    var keys = VAULT.sdk().keyClient();
    keys.createKey("conn-1", KeyType.EC);
    long mark = log.mark();
    for (int i = 0; i < 5; i++) {
      keys.getKey("conn-1");
    }
    List<AccessLog.Entry> gets = log.since(mark);
    assertThat(gets).hasSize(5).allSatisfy(e -> assertThat(e.path()).isEqualTo("/keys/conn-1/"));
    assertThat(gets.stream().map(AccessLog.Entry::conn).distinct())
        .as("keep-alive: one connection")
        .hasSize(1);
  }
}
