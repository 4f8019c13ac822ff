package dev.keybridge.management.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's property table must list every property with its default. */
class ReadmeSectionTest {
  @Test
  void everyPropertyAndDefaultIsListed() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (KeyVaultProperty property : KeyVaultProperty.values()) {
      String row =
          "| `"
              + property.propertyName()
              + "` | "
              + property.defaultValue().map(d -> "`" + d + "`").orElse("—")
              + " |";
      assertThat(readme).as(property.propertyName()).contains(row);
    }
  }
}
