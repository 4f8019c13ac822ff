package dev.keybridge.localvault.certificates.routes;

import dev.keybridge.localvault.certificates.LifetimeAction;
import dev.keybridge.localvault.lifecycle.VaultEvents;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code EmailContacts} lifetime actions of certificate policies on the vault's clock: when the
 * latest version reaches the action's share of its lifetime ({@code lifetime_percentage}) or is
 * {@code days_before_expiry} from expiry, the vault emits {@code
 * Microsoft.KeyVault.CertificateNearExpiry} once for that version (the local vault sends no mail;
 * the event is what a contact would be told).
 */
final class ScheduledCertificateNotices implements Consumer<Instant> {
  private static final int PAGE = 100;

  private final CertificateRepository certificates;
  private final VaultEvents events;

  ScheduledCertificateNotices(CertificateRepository certificates, VaultEvents events) {
    this.certificates = certificates;
    this.events = events;
  }

  @Override
  public void accept(Instant now) {
    String after = null;
    while (true) {
      List<String> names = certificates.names(false, after, PAGE, false);
      for (String lc : names) {
        certificates
            .record(lc)
            .filter(r -> !r.deleted() && r.hasVersions())
            .ifPresent(r -> notice(r, now));
      }
      if (names.size() < PAGE) {
        return;
      }
      after = names.get(names.size() - 1);
    }
  }

  private void notice(CertificateRecord rec, Instant now) {
    CertificateVersion latest = rec.latest();
    X509Certificate leaf = latest.leaf();
    long nbf = leaf.getNotBefore().toInstant().getEpochSecond();
    long exp = leaf.getNotAfter().toInstant().getEpochSecond();
    for (LifetimeAction action : rec.policy().lifetimeActions()) {
      if (!"EmailContacts".equals(action.actionType())) {
        continue;
      }
      long due =
          action.lifetimePercentage() != null
              ? nbf + (exp - nbf) * action.lifetimePercentage() / 100
              : exp - action.daysBeforeExpiry() * 86_400L;
      if (now.getEpochSecond() >= due) {
        events.emitOnce(
            VaultEvents.ObjectType.CERTIFICATE,
            "NearExpiry",
            rec.name(),
            latest.version(),
            nbf,
            exp);
      }
    }
  }
}
