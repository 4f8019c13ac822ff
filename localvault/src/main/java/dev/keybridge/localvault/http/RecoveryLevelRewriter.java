package dev.keybridge.localvault.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.storage.NameTable;
import dev.keybridge.localvault.storage.SoftDeletePolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Makes every response report the vault's {@link SoftDeletePolicy}: the object renderers of keys,
 * secrets and certificates write the default {@code recoveryLevel} and {@code recoverableDays}
 * (they are static and shared by three modules); a vault with purge protection or a shorter
 * retention replaces those two members here, at the one response point, so no renderer needs the
 * vault's settings. A vault with the default policy installs no rewriter and pays nothing.
 */
public final class RecoveryLevelRewriter implements RequestInterceptor {
  private static final byte[] MARKER = "\"recoveryLevel\"".getBytes(StandardCharsets.UTF_8);

  private final SoftDeletePolicy policy;

  public RecoveryLevelRewriter(SoftDeletePolicy policy) {
    this.policy = policy;
  }

  @Override
  public VaultResponse afterHandling(VaultRequest request, VaultResponse response) {
    if (response.isDrop()
        || !VaultResponse.JSON_TYPE.equals(response.contentType())
        || !contains(response.body(), MARKER)) {
      return response;
    }
    JsonNode body;
    try {
      body = Json.parse(response.body());
    } catch (IOException e) {
      return response;
    }
    rewrite(body);
    VaultResponse rewritten = VaultResponse.json(response.status(), body);
    response.headers().forEach(rewritten::header);
    return rewritten;
  }

  private void rewrite(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("recoveryLevel")
          && NameTable.RECOVERY_LEVEL.equals(object.get("recoveryLevel").asText())) {
        object.put("recoveryLevel", policy.recoveryLevel());
        if (object.has("recoverableDays")) {
          object.put("recoverableDays", policy.retentionDays());
        }
      }
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        rewrite(fields.next().getValue());
      }
    } else if (node != null && node.isArray()) {
      node.forEach(this::rewrite);
    }
  }

  private static boolean contains(byte[] data, byte[] marker) {
    outer:
    for (int i = 0; i + marker.length <= data.length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (data[i + j] != marker[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
