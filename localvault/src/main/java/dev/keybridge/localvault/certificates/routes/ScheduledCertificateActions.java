package dev.keybridge.localvault.certificates.routes;

import dev.keybridge.localvault.certificates.LifetimeAction;
import dev.keybridge.localvault.lifecycle.VaultEvents;
import java.lang.System.Logger.Level;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lifetime actions of certificate policies on the vault's clock. When the latest version
 * reaches an action's share of its lifetime ({@code lifetime_percentage}) or is {@code
 * days_before_expiry} from expiry:
 *
 * <ul>
 *   <li>{@code EmailContacts}: the vault emits {@code Microsoft.KeyVault.CertificateNearExpiry}
 *       once for that version (the local vault sends no mail; the event is what a contact would be
 *       told);
 *   <li>{@code AutoRenew}: the vault issues the next version ({@link CertificateRenewal}), which
 *       emits {@code Microsoft.KeyVault.CertificateNewVersionCreated}; the new version's own
 *       trigger lies in its own lifetime, so each version is renewed once.
 * </ul>
 *
 * A trigger at or before the version's {@code notBefore} never fires (it would renew every tick).
 */
final class ScheduledCertificateActions implements Consumer<Instant> {
  private static final System.Logger LOG =
      System.getLogger(ScheduledCertificateActions.class.getName());
  private static final int PAGE = 100;

  private final CertificateRepository certificates;
  private final CertificateRenewal renewal;
  private final VaultEvents events;

  ScheduledCertificateActions(
      CertificateRepository certificates, CertificateRenewal renewal, VaultEvents events) {
    this.certificates = certificates;
    this.renewal = renewal;
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
            .ifPresent(r -> act(r, now));
      }
      if (names.size() < PAGE) {
        return;
      }
      after = names.get(names.size() - 1);
    }
  }

  private void act(CertificateRecord rec, Instant now) {
    CertificateVersion latest = rec.latest();
    X509Certificate leaf = latest.leaf();
    long nbf = leaf.getNotBefore().toInstant().getEpochSecond();
    long exp = leaf.getNotAfter().toInstant().getEpochSecond();
    boolean renew = false;
    for (LifetimeAction action : rec.policy().lifetimeActions()) {
      long due =
          action.lifetimePercentage() != null
              ? nbf + (exp - nbf) * action.lifetimePercentage() / 100
              : exp - action.daysBeforeExpiry() * 86_400L;
      if (due <= nbf || now.getEpochSecond() < due) {
        continue;
      }
      if ("EmailContacts".equals(action.actionType())) {
        events.emitOnce(
            VaultEvents.ObjectType.CERTIFICATE,
            "NearExpiry",
            rec.name(),
            latest.version(),
            nbf,
            exp);
      } else if ("AutoRenew".equals(action.actionType())) {
        renew = true;
      }
    }
    if (renew) {
      try {
        renewal.renew(rec, latest, now);
      } catch (RuntimeException e) {
        // Retried at the next tick; the other certificates' actions still run.
        LOG.log(Level.WARNING, "AutoRenew of certificate " + rec.name() + " failed: " + e, e);
      }
    }
  }
}
