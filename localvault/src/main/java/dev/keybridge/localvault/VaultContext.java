package dev.keybridge.localvault;

import dev.keybridge.localvault.auth.TokenSigningKey;
import dev.keybridge.localvault.keys.KeyRepository;
import dev.keybridge.localvault.lifecycle.VaultEvents;
import dev.keybridge.localvault.lifecycle.VaultScheduler;
import dev.keybridge.localvault.storage.MasterKey;
import dev.keybridge.localvault.storage.VaultDatabase;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;

/**
 * What a {@link dev.keybridge.localvault.http.ResourceModule} gets to build its routes: the data
 * directory, flavor, the vault's clock (use it for every timestamp), the database (transactions
 * that join the key repository's), the master key (seal secrets at rest), the key repository
 * (certificates store their keys there as managed versions), the token-signing key, the CA, the
 * scheduler (work the vault does by itself as its clock moves) and the Event Grid events.
 */
public record VaultContext(
    Path dataDir,
    Flavor flavor,
    Clock clock,
    VaultDatabase database,
    MasterKey masterKey,
    KeyRepository keys,
    TokenSigningKey tokenSigningKey,
    X509Certificate caCertificate,
    VaultScheduler scheduler,
    VaultEvents events) {}
