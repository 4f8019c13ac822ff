package dev.keybridge.localvault.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.storage.VaultDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The vault's Event Grid events: one JSON line each in {@code DIR/events.log}, in Event Grid's
 * event schema with Key Vault's data ({@code Id, VaultName, ObjectType, ObjectName, Version, NBF,
 * EXP}), and, when a webhook is configured, POSTed to it as a one-element JSON array (as Event Grid
 * delivers). Delivery to the webhook is best effort, asynchronous, and never blocks or fails the
 * vault operation; the log line is written first. Events never carry a value or key material.
 */
public final class VaultEvents {
  private static final System.Logger LOG = System.getLogger(VaultEvents.class.getName());

  /** The object kinds of Key Vault events. */
  public enum ObjectType {
    KEY("Key", "keys"),
    SECRET("Secret", "secrets"),
    CERTIFICATE("Certificate", "certificates");

    private final String label;
    private final String collection;

    ObjectType(String label, String collection) {
      this.label = label;
      this.collection = collection;
    }

    /** {@code Key}, {@code Secret} or {@code Certificate}: the event type's prefix. */
    public String label() {
      return label;
    }
  }

  private final Path file;
  private final VaultDatabase db;
  private final Clock clock;
  private final String vaultName;
  private final URI webhook;
  private final HttpClient http;
  private volatile String baseUrl;

  /**
   * @param vaultName the vault's name in topics and data (the local vault's host name)
   * @param webhook where events are POSTed, or null
   */
  public VaultEvents(Path file, VaultDatabase db, Clock clock, String vaultName, URI webhook) {
    this.file = file;
    this.db = db;
    this.clock = clock;
    this.vaultName = vaultName;
    this.webhook = webhook;
    this.http =
        webhook == null
            ? null
            : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    db.ensureSchema(
        "CREATE TABLE IF NOT EXISTS emitted_events (event_key TEXT PRIMARY KEY, time INTEGER"
            + " NOT NULL)");
  }

  /** The vault URL object ids are built on (known once the server is bound). */
  public void baseUrl(String url) {
    this.baseUrl = url;
  }

  /** The log file. */
  public Path file() {
    return file;
  }

  /**
   * Emits {@code Microsoft.KeyVault.{ObjectType}{what}} for one object version, e.g. {@code
   * KeyNewVersionCreated}, {@code KeyNearExpiry}, {@code SecretNewVersionCreated}.
   */
  public void emit(ObjectType type, String what, String name, String version, Long nbf, Long exp) {
    ObjectNode event = Json.object();
    event.put("id", UUID.randomUUID().toString());
    event.put(
        "topic",
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/keybridge/providers"
            + "/Microsoft.KeyVault/vaults/"
            + vaultName);
    event.put("subject", name);
    event.put("eventType", "Microsoft.KeyVault." + type.label() + what);
    event.put("eventTime", clock.instant().toString());
    ObjectNode data = event.putObject("data");
    data.put("Id", baseUrl + "/" + type.collection + "/" + name + "/" + version);
    data.put("VaultName", vaultName);
    data.put("ObjectType", type.label());
    data.put("ObjectName", name);
    data.put("Version", version);
    data.put("NBF", nbf);
    data.put("EXP", exp);
    event.put("dataVersion", "1");
    event.put("metadataVersion", "1");
    write(event);
    post(event);
  }

  /**
   * Emits like {@link #emit} only the first time for {@code (type, what, name, version)}, across
   * restarts (a notice such as near-expiry is sent once per version).
   *
   * @return whether the event was emitted now
   */
  public boolean emitOnce(
      ObjectType type, String what, String name, String version, Long nbf, Long exp) {
    String key =
        type.label() + what + ":" + name.toLowerCase(java.util.Locale.ROOT) + "/" + version;
    boolean first =
        db.transaction(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT OR IGNORE INTO emitted_events(event_key, time) VALUES(?, ?)")) {
                ps.setString(1, key);
                ps.setLong(2, clock.instant().getEpochSecond());
                return ps.executeUpdate() == 1;
              }
            });
    if (first) {
      emit(type, what, name, version, nbf, exp);
    }
    return first;
  }

  private synchronized void write(ObjectNode event) {
    try {
      Files.write(
          file,
          (new String(Json.bytes(event), StandardCharsets.UTF_8) + "\n")
              .getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private void post(ObjectNode event) {
    if (webhook == null) {
      return;
    }
    byte[] body = Json.bytes(Json.MAPPER.createArrayNode().add(event));
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("aeg-event-type", "Notification")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              if (failure != null || response.statusCode() >= 300) {
                LOG.log(
                    Level.WARNING,
                    "event webhook "
                        + webhook
                        + " did not accept "
                        + event.get("eventType").asText()
                        + ": "
                        + (failure != null ? failure.toString() : "HTTP " + response.statusCode()));
              }
            });
  }
}
