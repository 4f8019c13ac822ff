package dev.keybridge.management.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The property table of {@code docs/configuration.md} lists every property with its default. */
class ConfigurationDocTest {
  @Test
  void everyPropertyAndDefaultIsListed() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    for (KeyVaultProperty property : KeyVaultProperty.values()) {
      String row =
          "| `"
              + property.propertyName()
              + "` | "
              + property.defaultValue().map(d -> "`" + d + "`").orElse("—")
              + " |";
      assertThat(doc).as(property.propertyName()).contains(row);
    }
  }
}
