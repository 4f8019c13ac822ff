package dev.keybridge.localvault.http;

import dev.keybridge.localvault.auth.Principal;

/** Turns the Authorization header of a vault request into a {@link Principal}. */
public interface Authenticator {
  /**
   * Verifies a bearer token.
   *
   * @param authorization the Authorization header value, never null
   * @throws dev.keybridge.localvault.VaultError 401 Unauthorized for an unusable token
   */
  Principal authenticate(String authorization);

  /** The {@code WWW-Authenticate} value sent with every 401. */
  String challenge();
}
