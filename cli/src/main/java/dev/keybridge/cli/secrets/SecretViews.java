package dev.keybridge.cli.secrets;

import com.azure.security.keyvault.secrets.models.DeletedSecret;
import dev.keybridge.cli.output.Details;
import dev.keybridge.cli.output.Values;
import dev.keybridge.management.secrets.SecretInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON and text shapes of secrets in the CLI; none of them holds a value. */
final class SecretViews {
  private SecretViews() {}

  /** {@code {name, version, id, contentType, enabled, notBefore, expiresOn, createdOn, ...}}. */
  static Map<String, Object> info(SecretInfo s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("version", s.version());
    m.put("id", s.id());
    m.put("contentType", s.contentType());
    m.put("enabled", s.enabled());
    m.put("notBefore", time(s.notBefore()));
    m.put("expiresOn", time(s.expiresOn()));
    m.put("createdOn", time(s.createdOn()));
    m.put("updatedOn", time(s.updatedOn()));
    m.put("tags", Values.tags(s.tags()));
    m.put("managed", s.managed());
    if (s.keyId() != null) {
      m.put("keyId", s.keyId());
    }
    m.put("recoveryLevel", s.recoveryLevel());
    m.put("recoverableDays", s.recoverableDays());
    return m;
  }

  /** A deleted secret: its properties plus recoveryId, deletedOn and scheduledPurgeDate. */
  static Map<String, Object> deleted(DeletedSecret d) {
    Map<String, Object> m = info(SecretInfo.of(d.getProperties()));
    m.put("recoveryId", d.getRecoveryId());
    m.put("deletedOn", Values.time(d.getDeletedOn()));
    m.put("scheduledPurgeDate", Values.time(d.getScheduledPurgeDate()));
    return m;
  }

  static Details details(SecretInfo s) {
    Details d = new Details();
    info(s).forEach((label, value) -> d.add(label, value));
    return d;
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
