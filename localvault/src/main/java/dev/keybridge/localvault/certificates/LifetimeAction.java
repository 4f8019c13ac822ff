package dev.keybridge.localvault.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of a policy's {@code lifetime_actions}: when (a share of the lifetime, or days before
 * expiry) to do what ({@code EmailContacts} or {@code AutoRenew}). Exactly one trigger is set.
 *
 * @param lifetimePercentage 1 to 99, or null
 * @param daysBeforeExpiry at least 1, or null
 * @param actionType {@code EmailContacts} or {@code AutoRenew}
 */
public record LifetimeAction(
    Integer lifetimePercentage, Integer daysBeforeExpiry, String actionType) {

  /** The action the service adds to a policy that names no lifetime actions. */
  public static LifetimeAction at80Percent(String actionType) {
    return new LifetimeAction(80, null, actionType);
  }

  /**
   * Parses one {@code lifetime_actions} element.
   *
   * @param path the element's JSON path, e.g. {@code lifetime_actions[0]}
   * @throws dev.keybridge.localvault.VaultError 400 naming the member for a missing or doubled
   *     trigger, a percentage outside 1..99, days below 1, or an unknown action type
   */
  public static LifetimeAction fromJson(JsonNode json, String path) {
    if (json == null || !json.isObject()) {
      throw JsonFields.invalid(path, "must be a JSON object");
    }
    JsonNode trigger = JsonFields.object(json, "trigger", path + ".trigger");
    Integer percentage =
        JsonFields.integer(trigger, "lifetime_percentage", path + ".trigger.lifetime_percentage");
    Integer days =
        JsonFields.integer(trigger, "days_before_expiry", path + ".trigger.days_before_expiry");
    if ((percentage == null) == (days == null)) {
      throw JsonFields.invalid(
          path + ".trigger", "must set exactly one of lifetime_percentage and days_before_expiry");
    }
    if (percentage != null && (percentage < 1 || percentage > 99)) {
      throw JsonFields.invalid(
          path + ".trigger.lifetime_percentage",
          "must be between 1 and 99 (got " + percentage + ")");
    }
    if (days != null && days < 1) {
      throw JsonFields.invalid(
          path + ".trigger.days_before_expiry", "must be at least 1 (got " + days + ")");
    }
    JsonNode action = JsonFields.object(json, "action", path + ".action");
    String type = JsonFields.text(action, "action_type", path + ".action.action_type");
    String canonical;
    if ("EmailContacts".equalsIgnoreCase(type)) {
      canonical = "EmailContacts";
    } else if ("AutoRenew".equalsIgnoreCase(type)) {
      canonical = "AutoRenew";
    } else {
      throw JsonFields.invalid(
          path + ".action.action_type", "must be EmailContacts or AutoRenew (got '" + type + "')");
    }
    return new LifetimeAction(percentage, days, canonical);
  }

  /** Renders {@code {"trigger":{...},"action":{"action_type":...}}}. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    ObjectNode trigger = json.putObject("trigger");
    if (lifetimePercentage != null) {
      trigger.put("lifetime_percentage", lifetimePercentage);
    } else {
      trigger.put("days_before_expiry", daysBeforeExpiry);
    }
    json.putObject("action").put("action_type", actionType);
    return json;
  }
}
