package dev.keybridge.management.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileCredentialTest {
  @TempDir Path dir;

  @Test
  void rereadsTheFileWhenItChanges() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "first-token\n");
    TokenFileCredential credential = new TokenFileCredential(file);
    TokenRequestContext request =
        new TokenRequestContext().addScopes("https://vault.azure.net/.default");
    assertThat(credential.getTokenSync(request).getToken()).isEqualTo("first-token");

    Files.writeString(file, "second-token-longer");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(credential.getToken(request).block().getToken()).isEqualTo("second-token-longer");
    assertThat(credential.toString()).doesNotContain("second-token");
  }

  @Test
  void jwtExpiryIsReadFromTheToken() throws Exception {
    long exp = Instant.now().plusSeconds(3600).getEpochSecond();
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("{\"exp\":" + exp + "}").getBytes());
    Path file = Files.writeString(dir.resolve("jwt"), "eyJhbGciOiJub25lIn0." + payload + ".sig");
    assertThat(new TokenFileCredential(file).getTokenSync(new TokenRequestContext()).getExpiresAt())
        .isEqualTo(OffsetDateTime.ofInstant(Instant.ofEpochSecond(exp), ZoneOffset.UTC));
  }

  @Test
  void missingOrEmptyFileIsAnAuthenticationError() throws Exception {
    assertThatThrownBy(
            () ->
                new TokenFileCredential(dir.resolve("none"))
                    .getTokenSync(new TokenRequestContext()))
        .isInstanceOf(ClientAuthenticationException.class)
        .hasMessageContaining("keybridge.auth.token-file");
    Path empty = Files.writeString(dir.resolve("empty"), "  \n");
    assertThatThrownBy(() -> new TokenFileCredential(empty).getTokenSync(new TokenRequestContext()))
        .hasMessageContaining("is empty");
  }

  @Test
  void staticTokenIsNeverShown() {
    StaticTokenCredential credential = new StaticTokenCredential("tok-123");
    assertThat(credential.getTokenSync(new TokenRequestContext()).getToken()).isEqualTo("tok-123");
    assertThat(credential.toString()).doesNotContain("tok-123");
  }
}
