package dev.keybridge.localvault.http;

/** Handles one matched route; throws {@link dev.keybridge.localvault.VaultError} to refuse. */
@FunctionalInterface
public interface RouteHandler {
  VaultResponse handle(VaultRequest request);
}
