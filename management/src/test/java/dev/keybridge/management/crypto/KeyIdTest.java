package dev.keybridge.management.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class KeyIdTest {
  @Test
  void parsesVersionedAndLatestIds() {
    KeyId versioned = KeyId.parse("https://localhost:8443/keys/k1/0123abcd");
    assertThat(versioned.vaultUrl()).isEqualTo(URI.create("https://localhost:8443"));
    assertThat(versioned.name()).isEqualTo("k1");
    assertThat(versioned.version()).isEqualTo("0123abcd");
    assertThat(versioned.operationUrl("sign", "7.6"))
        .isEqualTo("https://localhost:8443/keys/k1/0123abcd/sign?api-version=7.6");

    KeyId latest = KeyId.parse("https://kv.vault.azure.net/keys/my-key");
    assertThat(latest.version()).isNull();
    assertThat(latest.operationUrl("decrypt", "7.6"))
        .isEqualTo("https://kv.vault.azure.net/keys/my-key//decrypt?api-version=7.6");
  }

  @Test
  void rejectsWhatIsNotAKeyId() {
    for (String bad :
        new String[] {
          "http://kv/keys/k",
          "https://kv/secrets/k/1",
          "https://kv/keys/",
          "https://kv/keys/a b",
          "https://kv/keys/k/v/extra",
          "not a url"
        }) {
      assertThatThrownBy(() -> KeyId.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
