package dev.keybridge.localvault;

import static dev.keybridge.localvault.auth.DataActions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleTest {
  @Test
  void parsesAzureShortAndEnumNames() {
    assertThat(Role.fromName("Key Vault Crypto User")).isEqualTo(Role.CRYPTO_USER);
    assertThat(Role.fromName("crypto user")).isEqualTo(Role.CRYPTO_USER);
    assertThat(Role.fromName("crypto-user")).isEqualTo(Role.CRYPTO_USER);
    assertThat(Role.fromName("CRYPTO_SERVICE_ENCRYPTION_USER"))
        .isEqualTo(Role.CRYPTO_SERVICE_ENCRYPTION_USER);
    assertThat(Role.fromName("Key Vault Administrator")).isEqualTo(Role.ADMINISTRATOR);
    assertThatThrownBy(() -> Role.fromName("root"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crypto-user");
  }

  @Test
  void grantsDataActionsLikeTheBuiltInRoles() {
    assertThat(Role.ADMINISTRATOR.allows(DELETED_KEYS_PURGE)).isTrue();
    assertThat(Role.ADMINISTRATOR.allows(RNG)).isTrue();
    assertThat(Role.CRYPTO_OFFICER.allows(DELETED_KEYS_PURGE)).isTrue();
    assertThat(Role.CRYPTO_OFFICER.allows(SECRETS_GET)).isFalse();
    assertThat(Role.CRYPTO_USER.allows(KEYS_SIGN)).isTrue();
    assertThat(Role.CRYPTO_USER.allows(KEYS_DELETE)).isFalse();
    assertThat(Role.CRYPTO_USER.allows(DELETED_KEYS_PURGE)).isFalse();
    assertThat(Role.CRYPTO_SERVICE_ENCRYPTION_USER.allows(KEYS_WRAP)).isTrue();
    assertThat(Role.CRYPTO_SERVICE_ENCRYPTION_USER.allows(KEYS_SIGN)).isFalse();
    assertThat(Role.CRYPTO_SERVICE_RELEASE_USER.allows(KEYS_RELEASE)).isTrue();
    assertThat(Role.CRYPTO_SERVICE_RELEASE_USER.allows(KEYS_READ)).isFalse();
    assertThat(Role.READER.allows(KEYS_READ)).isTrue();
    assertThat(Role.READER.allows(ROTATION_POLICY_READ)).isTrue();
    assertThat(Role.READER.allows(DELETED_KEYS_READ)).isTrue();
    assertThat(Role.READER.allows(KEYS_SIGN)).isFalse();
    assertThat(Role.READER.allows(SECRETS_GET)).isFalse();
    assertThat(Role.CERTIFICATE_USER.allows(SECRETS_GET)).isTrue();
    assertThat(Role.CERTIFICATE_USER.allows(CERTIFICATES_CREATE)).isFalse();
    assertThat(Role.CERTIFICATES_OFFICER.allows(CERTIFICATES_CREATE)).isTrue();
    assertThat(Role.CERTIFICATES_OFFICER.allows(KEYS_SIGN)).isFalse();
    assertThat(Role.SECRETS_USER.allows(SECRETS_GET)).isTrue();
    assertThat(Role.SECRETS_USER.allows(SECRETS_SET)).isFalse();
  }
}
