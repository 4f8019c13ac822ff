package dev.keybridge.localvault.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.models.KeyWrapAlgorithm;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Azure built-in roles through the SDK: each denied call is 403 Forbidden / ForbiddenByRbac. */
class RbacTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .client("crypto-user", "cu-secret", Role.CRYPTO_USER)
          .client("reader", "reader-secret", Role.READER)
          .client("encryption-user", "eu-secret", Role.CRYPTO_SERVICE_ENCRYPTION_USER)
          .client("officer", "officer-secret", Role.CRYPTO_OFFICER);

  private static KeyVaultKey rsa;

  @BeforeAll
  static void createKeys() {
    KeyClient admin = VAULT.sdk().keyClient();
    rsa = admin.createKey("shared-rsa", KeyType.RSA);
    admin.createKey("to-delete", KeyType.EC);
  }

  @Test
  void cryptoUserUsesKeysButCannotCreateDeleteOrPurge() {
    KeyClient keys = VAULT.sdk("crypto-user", "cu-secret").keyClient();
    CryptographyClient crypto =
        VAULT.sdk("crypto-user", "cu-secret").cryptographyClient(rsa.getId());
    assertThat(crypto.sign(SignatureAlgorithm.RS256, new byte[32]).getSignature()).hasSize(256);
    assertThat(keys.getKey("shared-rsa").getId()).isEqualTo(rsa.getId());
    assertForbidden(
        () -> keys.beginDeleteKey("to-delete").waitForCompletion(Duration.ofSeconds(10)));
    assertForbidden(() -> keys.createKey("new-key", KeyType.EC));

    KeyClient officer = VAULT.sdk("officer", "officer-secret").keyClient();
    officer.beginDeleteKey("to-delete").waitForCompletion(Duration.ofSeconds(30));
    assertForbidden(() -> keys.purgeDeletedKey("to-delete"));
    officer.purgeDeletedKey("to-delete");
  }

  @Test
  void readerReadsMetadataButCannotSign() {
    KeyClient keys = VAULT.sdk("reader", "reader-secret").keyClient();
    assertThat(keys.getKey("shared-rsa").getKey().getN()).isEqualTo(rsa.getKey().getN());
    assertThat(keys.listPropertiesOfKeys().stream().count()).isGreaterThanOrEqualTo(1);
    CryptographyClient crypto =
        VAULT.sdk("reader", "reader-secret").cryptographyClient(rsa.getId());
    assertForbidden(() -> crypto.sign(SignatureAlgorithm.RS256, new byte[32]));
  }

  @Test
  void encryptionUserWrapsAndUnwrapsButCannotSign() {
    CryptographyClient crypto =
        VAULT.sdk("encryption-user", "eu-secret").cryptographyClient(rsa.getId());
    byte[] cek = new byte[32];
    cek[0] = 7;
    byte[] wrapped = crypto.wrapKey(KeyWrapAlgorithm.RSA_OAEP_256, cek).getEncryptedKey();
    assertThat(crypto.unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrapped).getKey()).isEqualTo(cek);
    assertForbidden(() -> crypto.sign(SignatureAlgorithm.RS256, new byte[32]));
  }

  private static void assertForbidden(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            HttpResponseException.class,
            e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403))
        .hasMessageContaining("ForbiddenByRbac");
  }
}
