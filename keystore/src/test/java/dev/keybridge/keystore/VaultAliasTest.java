package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VaultAliasTest {

  @Test
  void bareAndPinnedAliasesParse() {
    assertThat(VaultAlias.parse("signing-key")).contains(new VaultAlias("signing-key", null));
    assertThat(VaultAlias.parse("k1/0123456789abcdef0123456789abcdef"))
        .contains(new VaultAlias("k1", "0123456789abcdef0123456789abcdef"));
    assertThat(VaultAlias.parse("k1/0123").get().pinned()).isTrue();
    assertThat(VaultAlias.parse("k1/0123").get()).hasToString("k1/0123");
  }

  @Test
  void aliasesThatCannotNameAVaultEntryDoNotParse() {
    assertThat(VaultAlias.parse(null)).isEmpty();
    assertThat(VaultAlias.parse("")).isEmpty();
    assertThat(VaultAlias.parse("has space")).isEmpty();
    assertThat(VaultAlias.parse("k1/")).isEmpty();
    assertThat(VaultAlias.parse("k1/v/x")).isEmpty();
    assertThat(VaultAlias.parse("a".repeat(128))).isEmpty();
    assertThat(VaultAlias.isValidName("under_score")).isFalse();
    assertThat(VaultAlias.isValidName("Mixed-Case-1")).isTrue();
  }
}
