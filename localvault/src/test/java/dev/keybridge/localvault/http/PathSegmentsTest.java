package dev.keybridge.localvault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keybridge.localvault.VaultError;
import org.junit.jupiter.api.Test;

class PathSegmentsTest {
  @Test
  void keepsEmptySegmentsAndDecodesEscapes() {
    assertThat(PathSegments.decode("/keys/k1//sign")).containsExactly("keys", "k1", "", "sign");
    assertThat(PathSegments.decode("/keys/k%2D1")).containsExactly("keys", "k-1");
    assertThat(PathSegments.decodeQuery("api-version=7.6&%24skiptoken=abc&maxresults=2"))
        .containsEntry("api-version", "7.6")
        .containsEntry("$skiptoken", "abc")
        .containsEntry("maxresults", "2");
  }

  @Test
  void refusesPathTricks() {
    for (String bad :
        new String[] {
          "/keys/..",
          "/keys/%2e%2E",
          "/keys/a%2Fb",
          "/keys/a%5cb",
          "/keys/%",
          "/keys/%zz",
          "/keys/%00",
          "/keys/%C3%28",
          "keys"
        }) {
      assertThatThrownBy(() -> PathSegments.decode(bad))
          .as(bad)
          .isInstanceOfSatisfying(VaultError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }
}
