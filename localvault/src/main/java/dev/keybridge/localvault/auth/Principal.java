package dev.keybridge.localvault.auth;

import dev.keybridge.localvault.Role;

/**
 * The authenticated caller of a vault request: the registered client named by the token, and its
 * role as registered now (a changed role takes effect without a new token).
 */
public record Principal(String clientId, Role role) {}
