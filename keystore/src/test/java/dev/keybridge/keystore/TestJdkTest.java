package dev.keybridge.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The tests run on the JDK the build meant: the one Maven runs on, or, in the second-JDK run
 * (parent pom, profile second-jdk), that JDK. Without this a misconfigured execution would silently
 * run the same tests twice on one JDK.
 */
class TestJdkTest {

  @Test
  void testsRunOnTheJdkTheBuildChose() throws Exception {
    String expected = System.getProperty("keybridge.test-jdk");
    assertThat(expected).as("keybridge.test-jdk, set by the parent pom").isNotBlank();

    Path running = Path.of(System.getProperty("java.home")).toRealPath();
    assertThat(running).isEqualTo(Path.of(expected).toRealPath());
    assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(17);
  }
}
