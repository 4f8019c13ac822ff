package dev.keybridge.management.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyType;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Unit test of the one key-size rule: reported size, else tag, else 256. */
class KeySizesTest {

  @Test
  void theReportedSizeWinsThenTheTagThenTheDefault() {
    assertThat(KeySizes.octBits(128, Map.of(KeySizes.TAG, "256"))).isEqualTo(128);
    assertThat(KeySizes.octBits(null, Map.of(KeySizes.TAG, "192"))).isEqualTo(192);
    assertThat(KeySizes.octBits(null, Map.of("team", "x"))).isEqualTo(256);
    assertThat(KeySizes.octBits(null, null)).isEqualTo(KeySizes.DEFAULT_OCT_BITS);
    assertThatThrownBy(() -> KeySizes.octBits(null, Map.of(KeySizes.TAG, "big")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(KeySizes.TAG + "=big");
  }

  @Test
  void onlyOctKeysOfKnownSizeAreTagged() {
    assertThat(KeySizes.tagged(Map.of("a", "b"), KeyType.OCT_HSM, 128))
        .isEqualTo(Map.of("a", "b", KeySizes.TAG, "128"));
    assertThat(KeySizes.tagged(null, KeyType.OCT, 192)).isEqualTo(Map.of(KeySizes.TAG, "192"));
    assertThat(KeySizes.tagged(Map.of("a", "b"), KeyType.RSA, 2048)).isEqualTo(Map.of("a", "b"));
    assertThat(KeySizes.tagged(null, KeyType.OCT, null)).isNull();
    JsonWebKey aes = JsonWebKey.fromAes(new SecretKeySpec(new byte[24], "AES"));
    assertThat(KeySizes.octBits(aes)).isEqualTo(192);
  }
}
