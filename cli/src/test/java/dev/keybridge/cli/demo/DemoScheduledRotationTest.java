package dev.keybridge.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code demo --time-scale} step: a vault on a fast clock rotates a key on schedule. */
class DemoScheduledRotationTest {
  @TempDir Path dir;

  @Test
  void aKeyIsRotatedByItsPolicyOnTheFastClock() throws Exception {
    String detail = DemoScheduledRotation.run(dir, 86_400);

    assertThat(detail)
        .startsWith("demo-scheduled rotated by its policy (7 vault days) after ")
        .endsWith("KeyNewVersionCreated in scheduled/events.log");
    assertThat(Files.readString(dir.resolve("scheduled/events.log")))
        .contains("\"ObjectName\":\"demo-scheduled\"");
  }
}
