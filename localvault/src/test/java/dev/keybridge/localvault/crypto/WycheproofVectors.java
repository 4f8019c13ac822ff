package dev.keybridge.localvault.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Loads Wycheproof vector files from {@code <shared>/wycheproof} (system property {@code
 * keybridge.shared.dir}, set by surefire; else {@code ../../shared} from the module directory) and
 * tallies the cases of one file: run, passed, skipped with a reason, and the failures.
 */
final class WycheproofVectors {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WycheproofVectors() {}

  static Path directory() {
    String shared = System.getProperty("keybridge.shared.dir");
    Path base = shared != null ? Path.of(shared) : Path.of("..", "..", "shared");
    return base.resolve("wycheproof");
  }

  /**
   * The parsed file; the test is skipped (with the path in the message) if the folder is absent.
   */
  static JsonNode load(String file) throws IOException {
    Path dir = directory();
    Assumptions.assumeTrue(
        Files.isDirectory(dir), "Wycheproof vectors folder " + dir.toAbsolutePath() + " is absent");
    Path path = dir.resolve(file);
    assertThat(path).as("Wycheproof file").exists();
    return MAPPER.readTree(path.toFile());
  }

  static byte[] hex(JsonNode node) {
    return HexFormat.of().parseHex(node.asText());
  }

  static byte[] digest(String jcaHash, byte[] message) {
    try {
      return MessageDigest.getInstance(jcaHash).digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Outcome counts for one vector file. */
  static final class Tally {
    private final String file;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private int total;
    private int run;
    private int passed;
    private int rejectedBeforeEngine;

    Tally(String file) {
      this.file = file;
    }

    void skip(String reason) {
      total++;
      skipped.merge(reason, 1, Integer::sum);
    }

    void pass() {
      total++;
      run++;
      passed++;
    }

    void fail(JsonNode test, String what) {
      total++;
      run++;
      failures.add(
          file
              + " tcId "
              + test.get("tcId").asInt()
              + " ("
              + test.get("result").asText()
              + ", "
              + test.get("comment").asText()
              + "): "
              + what);
    }

    /** Records pass or fail by a condition. */
    void check(JsonNode test, boolean ok, String whatIfNot) {
      if (ok) {
        pass();
      } else {
        fail(test, whatIfNot);
      }
    }

    /**
     * A case the test itself rejects before reaching the engine (e.g. a non-DER ECDSA signature):
     * correct only if the vector is invalid.
     */
    void rejectedBeforeEngine(JsonNode test, String why) {
      rejectedBeforeEngine++;
      check(test, test.get("result").asText().equals("invalid"), "valid case rejected: " + why);
    }

    int run() {
      return run;
    }

    /** Prints the counts and asserts that cases ran and none failed. */
    void assertAllPassed() {
      System.out.println(
          "Wycheproof "
              + file
              + ": "
              + total
              + " cases, "
              + run
              + " run, "
              + passed
              + " passed"
              + (rejectedBeforeEngine == 0
                  ? ""
                  : " (" + rejectedBeforeEngine + " rejected by the test's DER parsing)")
              + (skipped.isEmpty() ? "" : ", skipped " + skipped));
      assertThat(run).as("cases run from " + file).isPositive();
      assertThat(failures).as("failed cases of " + file).isEmpty();
    }
  }
}
