package dev.keybridge.localvault.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final Router router = new Router();

  RouterTest() {
    router.add("GET", "/keys/{name}", "read", r -> null);
    router.add("GET", "/keys/{name}/{version?}", "read", r -> null);
    router.add("GET", "/keys/{name}/versions", "read", r -> null);
    router.add("POST", "/keys/{name}/create", "create", r -> null);
    router.add("POST", "/keys/restore", "restore", r -> null);
    router.add("PUT", "/keys/{name}", "import", r -> null);
    router.add("POST", "/keys/{name}/{version?}/sign", "sign", r -> null);
  }

  @Test
  void emptyVersionSegmentMatchesTheOptionalParameter() {
    Router.Resolution r = router.resolve("GET", List.of("keys", "k1", ""));
    assertThat(r.found()).isTrue();
    assertThat(r.params()).containsEntry("name", "k1").containsEntry("version", "");
    Router.Resolution sign = router.resolve("POST", List.of("keys", "k1", "", "sign"));
    assertThat(sign.route().dataAction()).isEqualTo("sign");
  }

  @Test
  void reservedWordsWinOverVersionsAndWrongMethodsAre405() {
    assertThat(router.resolve("GET", List.of("keys", "k1", "versions")).route().dataAction())
        .isEqualTo("read");
    assertThat(router.resolve("POST", List.of("keys", "k1", "create")).route().dataAction())
        .isEqualTo("create");
    Router.Resolution getCreate = router.resolve("GET", List.of("keys", "k1", "create"));
    assertThat(getCreate.methodNotAllowed()).isTrue();
    assertThat(getCreate.allowedMethods()).containsExactly("POST");
    Router.Resolution getRestore = router.resolve("GET", List.of("keys", "restore"));
    assertThat(getRestore.methodNotAllowed()).isTrue();
    assertThat(router.resolve("POST", List.of("keys", "RESTORE")).found())
        .as("literals are case-insensitive")
        .isTrue();
  }

  @Test
  void emptyRequiredSegmentsAndUnknownPathsDoNotMatch() {
    assertThat(router.resolve("POST", List.of("keys", "", "create")).found()).isFalse();
    Router.Resolution none = router.resolve("GET", List.of("nothing"));
    assertThat(none.found()).isFalse();
    assertThat(none.methodNotAllowed()).isFalse();
  }
}
