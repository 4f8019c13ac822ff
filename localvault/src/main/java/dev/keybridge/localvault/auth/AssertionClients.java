package dev.keybridge.localvault.auth;

import dev.keybridge.localvault.Role;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The clients a vault builder registers with certificate or federated credentials. Each becomes a
 * client of the {@link ClientRegistry} (for its role) whose secret is random and never told to
 * anyone; register them before the clients with secrets, so that an id registered both ways keeps
 * its secret and that registration's role.
 */
public final class AssertionClients {
  private record Entry(
      String id,
      Role role,
      X509Certificate certificate,
      ClientAssertions.FederatedIdentity federated) {}

  private final List<Entry> entries = new ArrayList<>();

  /** Adds a certificate client. */
  public void certificate(String id, X509Certificate certificate, Role role) {
    ClientRegistry.checkClientId(id);
    entries.add(
        new Entry(id, role, java.util.Objects.requireNonNull(certificate, "certificate"), null));
  }

  /** Adds a federated client. */
  public void federated(String id, String issuer, String subject, PublicKey issuerKey, Role role) {
    ClientRegistry.checkClientId(id);
    if (issuer == null || issuer.isEmpty() || subject == null || subject.isEmpty()) {
      throw new IllegalArgumentException("a federated identity needs an issuer and a subject");
    }
    entries.add(
        new Entry(
            id,
            role,
            null,
            new ClientAssertions.FederatedIdentity(
                id, issuer, subject, java.util.Objects.requireNonNull(issuerKey, "issuerKey"))));
  }

  /** Registers every client and returns the assertion checker that knows their credentials. */
  public ClientAssertions register(ClientRegistry clients, Clock clock) {
    ClientAssertions assertions = new ClientAssertions(clock);
    for (Entry e : entries) {
      clients.register(e.id(), unusableSecret(), e.role());
      if (e.certificate() != null) {
        assertions.addCertificate(e.id(), e.certificate());
      } else {
        assertions.addFederated(e.federated());
      }
    }
    return assertions;
  }

  private static String unusableSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
