package dev.keybridge.localvault.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.VaultError;
import dev.keybridge.localvault.auth.DataActions;
import dev.keybridge.localvault.http.Json;
import dev.keybridge.localvault.http.Router;
import dev.keybridge.localvault.http.VaultRequest;
import dev.keybridge.localvault.http.VaultResponse;
import java.security.SecureRandom;

/**
 * {@code POST /rng} with {@code {"count": 1..128}}: random bytes from the JDK's {@link
 * SecureRandom}. A Managed HSM feature: a vault of flavor {@code vault} answers 400 BadParameter.
 */
final class RandomBytesRoute {
  private final Flavor flavor;
  private final SecureRandom random = new SecureRandom();

  RandomBytesRoute(Flavor flavor) {
    this.flavor = flavor;
  }

  void register(Router router) {
    router.add("POST", "/rng", DataActions.RNG, this::random);
  }

  private VaultResponse random(VaultRequest r) {
    if (flavor != Flavor.MANAGED_HSM) {
      throw VaultError.badParameter(
          "Random bytes (POST /rng) are a Managed HSM operation; start the local vault with flavor"
              + " managedhsm to use it.");
    }
    Integer count = r.json().integer("count");
    if (count == null || count < 1 || count > 128) {
      throw VaultError.badParameter("Property 'count' must be an integer from 1 to 128.");
    }
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    ObjectNode body = Json.object();
    body.put("value", Json.b64url(bytes));
    return VaultResponse.ok(body);
  }
}
