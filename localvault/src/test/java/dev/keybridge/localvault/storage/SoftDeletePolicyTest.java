package dev.keybridge.localvault.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The recoveryLevel Key Vault reports for each soft-delete setting (DeletionRecoveryLevel). */
class SoftDeletePolicyTest {
  @Test
  void recoveryLevelForEachSetting() {
    assertThat(new SoftDeletePolicy(false, 90).recoveryLevel()).isEqualTo("Recoverable+Purgeable");
    assertThat(new SoftDeletePolicy(true, 90).recoveryLevel()).isEqualTo("Recoverable");
    assertThat(new SoftDeletePolicy(false, 7).recoveryLevel())
        .isEqualTo("CustomizedRecoverable+Purgeable");
    assertThat(new SoftDeletePolicy(true, 89).recoveryLevel()).isEqualTo("CustomizedRecoverable");
    assertThat(SoftDeletePolicy.DEFAULT.recoveryLevel()).isEqualTo(NameTable.RECOVERY_LEVEL);
  }

  @Test
  void retentionIsSevenToNinetyDays() {
    assertThatThrownBy(() -> new SoftDeletePolicy(false, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7 to 90");
    assertThatThrownBy(() -> new SoftDeletePolicy(false, 91))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SoftDeletePolicy(false, 7).retentionSeconds()).isEqualTo(7 * 86_400L);
  }
}
