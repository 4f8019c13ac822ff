package dev.keybridge.localvault.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keybridge.localvault.http.Json;
import org.junit.jupiter.api.Test;

class ReleasePolicyEvaluatorTest {
  private static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  @Test
  void evaluatesAnyOfAllOfAuthorityAndNestedClaims() throws Exception {
    JsonNode policy =
        json(
            "{\"anyOf\":[{\"authority\":\"https://a.example/\",\"allOf\":["
                + "{\"claim\":\"tee\",\"equals\":\"sgx\"},{\"claim\":\"x.debug\",\"equals\":false}]},"
                + "{\"authority\":\"https://b.example\",\"anyOf\":[{\"claim\":\"level\",\"condition\":\"equals\",\"value\":3}]}]}");
    assertThat(
            ReleasePolicyEvaluator.satisfied(
                policy,
                json("{\"iss\":\"https://a.example\",\"tee\":\"sgx\",\"x\":{\"debug\":false}}")))
        .isTrue();
    assertThat(
            ReleasePolicyEvaluator.satisfied(
                policy,
                json("{\"iss\":\"https://a.example\",\"tee\":\"sgx\",\"x\":{\"debug\":true}}")))
        .isFalse();
    assertThat(
            ReleasePolicyEvaluator.satisfied(
                policy, json("{\"iss\":\"https://b.example/\",\"level\":3}")))
        .isTrue();
    assertThat(
            ReleasePolicyEvaluator.satisfied(
                policy,
                json("{\"iss\":\"https://c.example\",\"tee\":\"sgx\",\"x\":{\"debug\":false}}")))
        .isFalse();
    assertThat(
            ReleasePolicyEvaluator.satisfied(
                policy, json("{\"iss\":\"https://a.example\",\"tee\":{\"v\":\"sgx\"}}")))
        .isFalse();
  }

  @Test
  void failsClosed() throws Exception {
    assertThat(ReleasePolicyEvaluator.satisfied(json("{\"anyOf\":[]}"), json("{}"))).isFalse();
    assertThat(ReleasePolicyEvaluator.satisfied(json("{\"allOf\":[]}"), json("{}"))).isFalse();
    assertThat(ReleasePolicyEvaluator.satisfied(json("{\"version\":\"1.0.0\"}"), json("{}")))
        .isFalse();
    assertThat(
            ReleasePolicyEvaluator.satisfied(
                json("{\"anyOf\":[{\"claim\":\"a\",\"condition\":\"greater\",\"value\":1}]}"),
                json("{\"a\":2}")))
        .isFalse();
  }
}
