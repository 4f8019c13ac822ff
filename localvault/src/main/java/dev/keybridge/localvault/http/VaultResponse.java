package dev.keybridge.localvault.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.VaultError;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the vault answers: status, headers, body. Immutable apart from {@link #header} during
 * construction. {@link #dropConnection()} is a special response that closes the TCP connection
 * without answering (for fault injection).
 */
public final class VaultResponse {
  public static final String JSON_TYPE = "application/json; charset=utf-8";

  private final int status;
  private final byte[] body;
  private final String contentType;
  private final String errorCode;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final boolean drop;

  private VaultResponse(
      int status, byte[] body, String contentType, String errorCode, boolean drop) {
    this.status = status;
    this.body = body;
    this.contentType = contentType;
    this.errorCode = errorCode;
    this.drop = drop;
  }

  /** 200 with a JSON body. */
  public static VaultResponse ok(JsonNode body) {
    return json(200, body);
  }

  public static VaultResponse json(int status, JsonNode body) {
    return new VaultResponse(status, Json.bytes(body), JSON_TYPE, null, false);
  }

  /** 204 with no body. */
  public static VaultResponse noContent() {
    return new VaultResponse(204, new byte[0], null, null, false);
  }

  /**
   * A raw body with an explicit content type and error code for the access log (identity
   * endpoints).
   */
  public static VaultResponse raw(int status, String contentType, byte[] body, String errorCode) {
    return new VaultResponse(status, body, contentType, errorCode, false);
  }

  /** The Key Vault error body {@code {"error":{"code","message","innererror":{"code"}}}}. */
  public static VaultResponse error(VaultError e) {
    return error(e.status(), e.code(), e.innerCode(), e.getMessage());
  }

  public static VaultResponse error(int status, String code, String innerCode, String message) {
    ObjectNode err = Json.object();
    err.put("code", code);
    err.put("message", message);
    if (innerCode != null) {
      err.putObject("innererror").put("code", innerCode);
    }
    ObjectNode root = Json.object();
    root.set("error", err);
    return new VaultResponse(status, Json.bytes(root), JSON_TYPE, code, false);
  }

  /**
   * Closes the connection without any response bytes (a dropped connection, for fault injection).
   */
  public static VaultResponse dropConnection() {
    return new VaultResponse(0, new byte[0], null, "ConnectionDropped", true);
  }

  /** Adds a response header; returns this. */
  public VaultResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public byte[] body() {
    return body;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Content-Type, or null for an empty body. */
  public String contentType() {
    return contentType;
  }

  /** The error code written to the access log, or null for a success. */
  public String errorCode() {
    return errorCode;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public boolean isDrop() {
    return drop;
  }
}
