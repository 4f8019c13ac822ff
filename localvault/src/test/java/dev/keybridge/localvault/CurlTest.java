package dev.keybridge.localvault;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.KeyType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clients nobody here wrote: curl does the token flow and reads a key; TLS versions. */
class CurlTest {
  @RegisterExtension static final LocalVaultExtension VAULT = LocalVaultExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void curlGetsATokenAndReadsAKey() throws Exception {
    LocalVault vault = VAULT.vault();
    String kid = VAULT.sdk().keyClient().createKey("curl-key", KeyType.EC).getId();
    String base = vault.url().toString();

    Result challenge = curl("-i", base + "/keys/curl-key?api-version=7.6");
    assertThat(challenge.out())
        .contains("HTTP/1.1 401")
        .containsIgnoringCase("www-authenticate: Bearer authorization=");

    Result token =
        curl(
            "-d",
            "grant_type=client_credentials",
            "--data-urlencode",
            "client_id=" + vault.adminClientId(),
            "--data-urlencode",
            "client_secret=" + vault.adminClientSecret(),
            "--data-urlencode",
            "scope=https://vault.azure.net/.default",
            base + "/" + vault.tenantId() + "/oauth2/v2.0/token");
    assertThat(token.exit()).as(token.err()).isZero();
    JsonNode tokenJson = JSON.readTree(token.out());
    assertThat(tokenJson.get("token_type").asText()).isEqualTo("Bearer");
    String accessToken = tokenJson.get("access_token").asText();

    Result key =
        curl("-H", "Authorization: Bearer " + accessToken, base + "/keys/curl-key?api-version=7.6");
    assertThat(key.exit()).as(key.err()).isZero();
    assertThat(JSON.readTree(key.out()).at("/key/kid").asText()).isEqualTo(kid);
  }

  @Test
  void speaksTls13AndTls12() throws Exception {
    var factory =
        dev.keybridge.localvault.testing.LocalVaultTrust.sslContext(VAULT.vault())
            .getSocketFactory();
    for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
      try (SSLSocket s = (SSLSocket) factory.createSocket("localhost", VAULT.vault().port())) {
        s.setEnabledProtocols(new String[] {protocol});
        s.startHandshake();
        assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
      }
    }
  }

  private record Result(int exit, String out, String err) {}

  private static Result curl(String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "/usr/bin/curl",
                "-sS",
                "--max-time",
                "20",
                "--cacert",
                VAULT.vault().caCertificateFile().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    String out = read(p.getInputStream());
    String err = read(p.getErrorStream());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out, err);
  }

  private static String read(InputStream in) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    in.transferTo(b);
    return b.toString(StandardCharsets.UTF_8);
  }
}
