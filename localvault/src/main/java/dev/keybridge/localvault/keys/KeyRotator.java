package dev.keybridge.localvault.keys;

import dev.keybridge.localvault.crypto.KeyMaterial;
import dev.keybridge.localvault.lifecycle.VaultEvents;
import java.security.interfaces.RSAPublicKey;

/**
 * Makes a new version of a key like its latest one (type, size or curve, operations, tags, release
 * policy), with the rotation policy's {@code expiryTime}: for {@code POST /keys/{name}/rotate} and
 * for the policy's scheduled {@code Rotate} action. Every new version emits {@code
 * Microsoft.KeyVault.KeyNewVersionCreated}.
 */
final class KeyRotator {
  private final KeyLookup keys;
  private final RotationPolicies policies;
  private final VaultEvents events;

  KeyRotator(KeyLookup keys, RotationPolicies policies, VaultEvents events) {
    this.keys = keys;
    this.policies = policies;
    this.events = events;
  }

  /** Rotates the active, unmanaged key {@code name} at {@code now} (epoch seconds). */
  KeyVersion rotate(String name, long now) {
    KeyRecord rec = keys.active(name);
    KeyLookup.refuseManaged(rec, "rotate");
    KeyVersion cur = rec.latest();
    KeyMaterial m = cur.material();
    Integer exponent = null;
    if (m.isRsa() && m.publicKey() instanceof RSAPublicKey rsa) {
      exponent = rsa.getPublicExponent().intValueExact();
    }
    KeyMaterial fresh =
        KeyMaterial.generate(
            cur.kty(), m.isEc() ? null : m.keySize(), exponent, m.isEc() ? m.curve() : null);
    Long exp = policies.expiryAfterRotation(rec, now);
    KeyAttributes attrs =
        KeyAttributes.created(true, null, exp, cur.attributes().exportable(), now);
    KeyVersion v =
        new KeyVersion(
            cur.name(),
            KeyLookup.newVersionId(),
            cur.kty(),
            cur.keyOps(),
            attrs,
            cur.tags(),
            cur.releasePolicy(),
            false,
            fresh);
    KeyVersion stored =
        keys.repository()
            .database()
            .transaction(
                c -> {
                  keys.active(name);
                  return keys.repository().addVersion(v);
                });
    newVersionCreated(stored);
    return stored;
  }

  /** Emits {@code KeyNewVersionCreated} for a stored version. */
  void newVersionCreated(KeyVersion v) {
    events.emit(
        VaultEvents.ObjectType.KEY,
        "NewVersionCreated",
        v.name(),
        v.version(),
        v.attributes().nbf(),
        v.attributes().exp());
  }
}
