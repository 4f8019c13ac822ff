package dev.keybridge.localvault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.RequestBody;
import org.junit.jupiter.api.Test;

class RotationPolicyValidationTest {
  private static ObjectNode validate(String json) throws Exception {
    return RotationPolicies.validate(new RequestBody((ObjectNode) Json.MAPPER.readTree(json), ""));
  }

  private static void rejects(String json, String messagePart) {
    assertThatThrownBy(() -> validate(json))
        .as(json)
        .isInstanceOfSatisfying(VaultError.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining(messagePart);
  }

  @Test
  void normalizesActionTypesAndKeepsDurations() throws Exception {
    ObjectNode p =
        validate(
            "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P30D\"},\"action\":{\"type\":\"rotate\"}},"
                + "{\"trigger\":{\"timeBeforeExpiry\":\"P7D\"},\"action\":{\"type\":\"NOTIFY\"}}],"
                + "\"attributes\":{\"expiryTime\":\"P90D\"}}");
    assertThat(p.at("/lifetimeActions/0/action/type").asText()).isEqualTo("Rotate");
    assertThat(p.at("/lifetimeActions/1/action/type").asText()).isEqualTo("Notify");
    assertThat(p.at("/attributes/expiryTime").asText()).isEqualTo("P90D");
    assertThat(validate("{\"lifetimeActions\":[]}").get("lifetimeActions")).isEmpty();
    assertThat(
            validate(
                "{\"lifetimeActions\":[{\"trigger\":{\"timeBeforeExpiry\":\"P1M\"},\"action\":{\"type\":\"Rotate\"}}],\"attributes\":{\"expiryTime\":\"P1Y\"}}"))
        .isNotNull();
  }

  @Test
  void enforcesTheServiceRules() {
    rejects("{\"attributes\":{\"expiryTime\":\"P27D\"}}", "28 days");
    rejects("{\"attributes\":{\"expiryTime\":\"90 days\"}}", "ISO-8601");
    rejects(
        "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P6D\"},\"action\":{\"type\":\"Rotate\"}}]}",
        "7 days after");
    rejects(
        "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P30D\"},\"action\":{\"type\":\"Notify\"}}]}",
        "only allowed for the Rotate");
    rejects(
        "{\"lifetimeActions\":[{\"trigger\":{\"timeBeforeExpiry\":\"P6D\"},\"action\":{\"type\":\"Notify\"}}]}",
        "7 days before");
    rejects(
        "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P30D\"},\"action\":{\"type\":\"Rotate\"}},{\"trigger\":{\"timeAfterCreate\":\"P60D\"},\"action\":{\"type\":\"Rotate\"}}]}",
        "at most one Rotate");
    rejects(
        "{\"lifetimeActions\":[{\"trigger\":{},\"action\":{\"type\":\"Rotate\"}}]}", "exactly one");
    rejects(
        "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P30D\",\"timeBeforeExpiry\":\"P30D\"},\"action\":{\"type\":\"Rotate\"}}]}",
        "exactly one");
    rejects(
        "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P30D\"},\"action\":{\"type\":\"Delete\"}}]}",
        "Rotate or Notify");
    rejects(
        "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P85D\"},\"action\":{\"type\":\"Rotate\"}}],\"attributes\":{\"expiryTime\":\"P90D\"}}",
        "7 days before the key expires");
    rejects(
        "{\"lifetimeActions\":[{\"trigger\":{\"timeBeforeExpiry\":\"P85D\"},\"action\":{\"type\":\"Rotate\"}}],\"attributes\":{\"expiryTime\":\"P90D\"}}",
        "7 days after creation");
    rejects("{\"lifetimeActions\":[1]}", "must be an object");
  }

  @Test
  void parsesIsoDurations() {
    assertThat(IsoDuration.parse("P90D").days()).isEqualTo(90);
    assertThat(IsoDuration.parse("P1Y").days()).isEqualTo(365);
    assertThat(IsoDuration.parse("P2M").days()).isEqualTo(60);
    assertThat(IsoDuration.parse("P1W").days()).isEqualTo(7);
    assertThat(IsoDuration.parse("PT48H").days()).isEqualTo(2);
    assertThat(IsoDuration.parse("P1DT12H").seconds()).isEqualTo(36 * 3600);
    for (String bad : new String[] {"P", "PT", "90D", "P-1D", "P1.5D", "P1DT", "", "p1d"}) {
      assertThat(IsoDuration.parse(bad)).as(bad).isNull();
    }
  }
}
