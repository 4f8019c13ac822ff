package dev.keybridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.security.keyvault.keys.models.KeyOperation;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** {@code --ops} takes Key Vault's operation names, from management's one list. */
class OperationConverterTest {
  private final Arguments.OperationConverter converter = new Arguments.OperationConverter();

  @Test
  void knownNamesInAnyCaseBecomeKeyVaultOperations() {
    assertThat(converter.convert("sign")).isEqualTo(KeyOperation.SIGN);
    assertThat(converter.convert(" WRAPKEY ")).isEqualTo(KeyOperation.WRAP_KEY);
    assertThat(converter.convert("export").toString()).isEqualTo("export");
  }

  @Test
  void anUnknownNameIsRefusedWithTheList() {
    assertThatThrownBy(() -> converter.convert("sing"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage(
            "unknown key operation 'sing'; use encrypt, decrypt, sign, verify, wrapKey,"
                + " unwrapKey, import, export");
  }
}
