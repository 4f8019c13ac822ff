package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.RequestBody;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Key rotation policies: {@code GET/PUT /keys/{name}/rotationpolicy}. A key without a policy
 * reports the default (one Notify action 30 days before expiry). PUT validates as the service does:
 * ISO-8601 durations, action types {@code Rotate}/{@code Notify} (case-insensitive, replied
 * capitalized), at most one of each, {@code timeAfterCreate} only for Rotate, {@code expiryTime} at
 * least 28 days, rotation at least 7 days after creation and 7 days before expiry, notification at
 * least 7 days before expiry; a policy with Rotate but no Notify action gets the default Notify
 * action, as Azure adds it. The vault applies {@code expiryTime} on rotate and runs the lifetime
 * actions on its clock ({@link ScheduledKeyActions}).
 */
final class RotationPolicies {
  private static final long DAY = 86_400;

  private final KeyLookup keys;

  RotationPolicies(KeyLookup keys) {
    this.keys = keys;
  }

  void register(Router router) {
    router.add("GET", "/keys/{name}/rotationpolicy", DataActions.ROTATION_POLICY_READ, this::get);
    router.add("PUT", "/keys/{name}/rotationpolicy", DataActions.ROTATION_POLICY_WRITE, this::put);
  }

  /** {@code exp} for a version created by rotation at {@code now}: now + expiryTime, or null. */
  Long expiryAfterRotation(KeyRecord rec, long now) {
    if (rec.rotationPolicy() == null) {
      return null;
    }
    JsonNode expiry = stored(rec).path("attributes").get("expiryTime");
    if (expiry == null || expiry.isNull()) {
      return null;
    }
    IsoDuration d = IsoDuration.parse(expiry.asText());
    return d == null ? null : now + d.seconds();
  }

  private VaultResponse get(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    KeyRecord rec = keys.active(name);
    ObjectNode body;
    if (rec.rotationPolicy() == null) {
      body = Json.object();
      ObjectNode action = body.putArray("lifetimeActions").addObject();
      action.putObject("trigger").put("timeBeforeExpiry", "P30D");
      action.putObject("action").put("type", "Notify");
      // As Azure: the default policy (none set) has no id, and null attributes.
      body.putNull("attributes");
      return VaultResponse.ok(body);
    }
    body = stored(rec);
    return VaultResponse.ok(withId(body, r, rec));
  }

  private VaultResponse put(VaultRequest r) {
    String name = KeyInput.name(r.pathParam("name"), "key");
    ObjectNode policy = validate(r.json());
    long now = r.receivedAt().getEpochSecond();
    ObjectNode saved =
        keys.repository()
            .database()
            .transaction(
                c -> {
                  KeyRecord rec = keys.active(name);
                  long created =
                      rec.rotationPolicy() == null
                          ? now
                          : stored(rec).path("attributes").path("created").asLong(now);
                  ObjectNode attrs = (ObjectNode) policy.get("attributes");
                  attrs.put("created", created);
                  attrs.put("updated", now);
                  keys.repository()
                      .setRotationPolicy(
                          name,
                          new String(Json.bytes(policy), java.nio.charset.StandardCharsets.UTF_8));
                  return policy;
                });
    return VaultResponse.ok(withId(saved, r, keys.active(name)));
  }

  /** Validates a PUT body and returns the normalized policy (without id and timestamps). */
  static ObjectNode validate(RequestBody body) {
    List<RequestBody> actions = body.objects("lifetimeActions");
    RequestBody attrs = body.object("attributes");
    IsoDuration expiry = null;
    if (attrs != null && attrs.has("expiryTime")) {
      expiry = duration(attrs.string("expiryTime"), "attributes.expiryTime");
      if (expiry.seconds() < 28 * DAY) {
        throw VaultError.badParameter(
            "The rotation policy expiryTime must be at least 28 days (P28D); got "
                + expiry.text()
                + ".");
      }
    }
    ObjectNode out = Json.object();
    ArrayNode outActions = out.putArray("lifetimeActions");
    boolean rotate = false;
    boolean notify = false;
    if (actions != null) {
      if (actions.size() > 2) {
        throw VaultError.badParameter("A rotation policy has at most two lifetime actions.");
      }
      for (RequestBody a : actions) {
        RequestBody trigger = a.requiredObject("trigger");
        String type = a.requiredObject("action").requiredString("type").toLowerCase(Locale.ROOT);
        boolean isRotate = type.equals("rotate");
        if (!isRotate && !type.equals("notify")) {
          throw VaultError.badParameter(
              "Invalid lifetime action type '"
                  + KeyInput.printable(type)
                  + "': use Rotate or Notify.");
        }
        if ((isRotate && rotate) || (!isRotate && notify)) {
          throw VaultError.badParameter(
              "A rotation policy has at most one " + (isRotate ? "Rotate" : "Notify") + " action.");
        }
        rotate |= isRotate;
        notify |= !isRotate;
        boolean hasAfter = trigger.has("timeAfterCreate");
        boolean hasBefore = trigger.has("timeBeforeExpiry");
        if (hasAfter == hasBefore) {
          throw VaultError.badParameter(
              "A lifetime action trigger needs exactly one of timeAfterCreate or timeBeforeExpiry.");
        }
        ObjectNode outAction = outActions.addObject();
        if (hasAfter) {
          if (!isRotate) {
            throw VaultError.badParameter("timeAfterCreate is only allowed for the Rotate action.");
          }
          IsoDuration after =
              duration(trigger.string("timeAfterCreate"), "trigger.timeAfterCreate");
          if (after.seconds() < 7 * DAY) {
            throw VaultError.badParameter("Rotation must be at least 7 days after creation (P7D).");
          }
          if (expiry != null && after.seconds() > expiry.seconds() - 7 * DAY) {
            throw VaultError.badParameter(
                "Rotation must happen at least 7 days before the key expires (expiryTime "
                    + expiry.text()
                    + ").");
          }
          outAction.putObject("trigger").put("timeAfterCreate", after.text());
        } else {
          IsoDuration before =
              duration(trigger.string("timeBeforeExpiry"), "trigger.timeBeforeExpiry");
          if (before.seconds() < 7 * DAY) {
            throw VaultError.badParameter(
                (isRotate ? "Rotation" : "Notification")
                    + " must be at least 7 days before expiry (P7D).");
          }
          if (expiry != null && isRotate && expiry.seconds() - before.seconds() < 7 * DAY) {
            throw VaultError.badParameter("Rotation must be at least 7 days after creation (P7D).");
          }
          outAction.putObject("trigger").put("timeBeforeExpiry", before.text());
        }
        outAction.putObject("action").put("type", isRotate ? "Rotate" : "Notify");
      }
    }
    if (rotate && !notify) {
      // As Azure (recorded): a policy with a Rotate action and no Notify action gets the default
      // Notify action, 30 days before expiry.
      ObjectNode defaultNotify = outActions.addObject();
      defaultNotify.putObject("trigger").put("timeBeforeExpiry", "P30D");
      defaultNotify.putObject("action").put("type", "Notify");
    }
    ObjectNode outAttrs = out.putObject("attributes");
    if (expiry != null) {
      outAttrs.put("expiryTime", expiry.text());
    }
    return out;
  }

  private static IsoDuration duration(String text, String field) {
    IsoDuration d = IsoDuration.parse(text);
    if (d == null || d.seconds() <= 0) {
      throw VaultError.badParameter(
          "The rotation policy "
              + field
              + " '"
              + KeyInput.printable(text)
              + "' is not a valid ISO-8601 duration.");
    }
    return d;
  }

  /** The stored policy of {@code rec} (which has one). */
  static ObjectNode stored(KeyRecord rec) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(rec.rotationPolicy());
    } catch (IOException e) {
      throw new IllegalStateException("corrupt rotation policy of key " + rec.name(), e);
    }
  }

  private static ObjectNode withId(ObjectNode policy, VaultRequest r, KeyRecord rec) {
    ObjectNode out = Json.object();
    out.put("id", r.baseUrl() + "/keys/" + rec.name() + "/rotationpolicy");
    out.setAll(policy);
    return out;
  }
}
