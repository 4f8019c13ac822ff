package dev.keybridge.localvault.certificates;

import java.time.Instant;

/**
 * The vault-managed attributes of a certificate version. {@code nbf} and {@code exp} are not here:
 * they always come from the certificate's validity.
 *
 * @param enabled {@code attributes.enabled}
 * @param created when the version was stored
 * @param updated when the version was last changed
 * @param recoveryLevel e.g. {@code Recoverable+Purgeable}
 * @param recoverableDays days a deleted certificate stays recoverable, e.g. 90
 */
public record CertificateAttributes(
    boolean enabled, Instant created, Instant updated, String recoveryLevel, int recoverableDays) {}
