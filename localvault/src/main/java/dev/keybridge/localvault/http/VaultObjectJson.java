package dev.keybridge.localvault.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.storage.NameTable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON members keys and secrets render alike: the attributes object, tags and {@code managed};
 * certificates share the attributes of a pending certificate and the members of a deleted object.
 */
public final class VaultObjectJson {
  private VaultObjectJson() {}

  /**
   * {@code {"enabled", "nbf" (when set), "exp" (when set), "created", "updated", "recoveryLevel",
   * "recoverableDays"}}; times in epoch seconds.
   */
  public static ObjectNode attributes(
      boolean enabled, Long nbf, Long exp, long created, long updated) {
    ObjectNode n = Json.object();
    n.put("enabled", enabled);
    if (nbf != null) {
      n.put("nbf", nbf);
    }
    if (exp != null) {
      n.put("exp", exp);
    }
    n.put("created", created);
    n.put("updated", updated);
    n.put("recoveryLevel", NameTable.RECOVERY_LEVEL);
    n.put("recoverableDays", NameTable.RECOVERABLE_DAYS);
    return n;
  }

  /**
   * Sets {@code attributes}, {@code tags} (sorted by name, only when there are any) and {@code
   * "managed": true} (only when managed) on {@code b}.
   */
  public static void putCommon(
      ObjectNode b, ObjectNode attributes, Map<String, String> tags, boolean managed) {
    b.set("attributes", attributes);
    if (!tags.isEmpty()) {
      ObjectNode node = b.putObject("tags");
      for (Map.Entry<String, String> t : new TreeMap<>(tags).entrySet()) {
        node.put(t.getKey(), t.getValue());
      }
    }
    if (managed) {
      b.put("managed", true);
    }
  }

  /** Sets {@code recoveryId}, {@code deletedDate} and {@code scheduledPurgeDate} on {@code b}. */
  public static void putDeleted(
      ObjectNode b, String recoveryId, Long deletedDate, Long scheduledPurgeDate) {
    b.put("recoveryId", recoveryId);
    b.put("deletedDate", deletedDate);
    b.put("scheduledPurgeDate", scheduledPurgeDate);
  }
}
