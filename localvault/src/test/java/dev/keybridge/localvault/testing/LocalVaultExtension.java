package dev.keybridge.localvault.testing;

import dev.keybridge.localvault.Flavor;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.network.NetworkConditions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a local vault in a fresh directory under {@code java.io.tmpdir} (the module's {@code
 * target/} in Maven builds) and stops it afterwards. As a {@code static} field the vault lives for
 * the test class; as an instance field, for each test method.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalVaultExtension VAULT =
 *     LocalVaultExtension.create().client("app", "app-secret", Role.CRYPTO_USER);
 *
 * @Test void signs() {
 *   KeyClient keys = VAULT.sdk().keyClient();          // administrator
 *   KeyClient app = VAULT.sdk("app", "app-secret").keyClient();
 * }
 * }</pre>
 */
public final class LocalVaultExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  /**
   * Azure SDK clients cache the challenge (and its tenant) per host:port for the whole JVM, so a
   * port must not be reused by a vault of another tenant within one test run.
   */
  private static final Map<Integer, String> TENANT_OF_PORT = new ConcurrentHashMap<>();

  /**
   * PBKDF2 iterations of the test vaults' client secret hashes: the production 600,000 cost every
   * vault start (admin) and every extra client a few hundred ms of CPU (seconds before the JIT has
   * warmed up), about a minute over the whole build. The tests about the hashing itself
   * (SignInHardeningTest) configure {@code ClientRegistry.ITERATIONS} again.
   */
  public static final int TEST_CLIENT_SECRET_ITERATIONS = 1_000;

  private Flavor flavor = Flavor.VAULT;
  private Clock clock;
  private NetworkConditions network = NetworkConditions.NONE;
  private final List<Object[]> clients = new ArrayList<>();
  private final List<java.util.function.Consumer<LocalVault.Builder>> options = new ArrayList<>();
  private LocalVault vault;
  private Path dataDir;
  private boolean perMethod;

  private LocalVaultExtension() {}

  /** A vault of flavor {@code vault} with only the administrator client. */
  public static LocalVaultExtension create() {
    return new LocalVaultExtension();
  }

  public LocalVaultExtension flavor(Flavor flavor) {
    this.flavor = flavor;
    return this;
  }

  /** Registers an extra client with a role. */
  public LocalVaultExtension client(String id, String secret, Role role) {
    clients.add(new Object[] {id, secret, role});
    return this;
  }

  /** A clock for the vault (token expiry, key timestamps, nbf/exp). */
  public LocalVaultExtension clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Simulated latency, faults or service limits for the vault (see {@link NetworkConditions}). */
  public LocalVaultExtension network(NetworkConditions conditions) {
    this.network = conditions;
    return this;
  }

  /**
   * More builder options for the vault (and its restarts), e.g. {@code v ->
   * v.purgeProtection(true).retentionDays(7)}.
   */
  public LocalVaultExtension configure(java.util.function.Consumer<LocalVault.Builder> option) {
    options.add(option);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start(context.getRequiredTestClass().getSimpleName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (vault == null) {
      perMethod = true;
      start(
          context.getRequiredTestClass().getSimpleName()
              + "-"
              + context.getRequiredTestMethod().getName());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perMethod) {
      stop();
    }
  }

  /** The running vault. */
  public LocalVault vault() {
    if (vault == null) {
      throw new IllegalStateException(
          "The local vault is not running (register the extension with @RegisterExtension)");
    }
    return vault;
  }

  /** The vault's data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** SDK clients as the administrator. */
  public SdkClients sdk() {
    return SdkClients.admin(vault());
  }

  /** SDK clients as a registered client. */
  public SdkClients sdk(String clientId, String clientSecret) {
    return SdkClients.of(vault(), clientId, clientSecret);
  }

  /** Raw HTTPS access (for requests the SDK would never send). */
  public RawVaultHttp http() {
    return new RawVaultHttp(vault());
  }

  public AccessLog accessLog() {
    return AccessLog.of(vault());
  }

  /**
   * Stops the vault and starts it again on the same directory and port (clients built before keep
   * working). Returns the new vault.
   */
  public LocalVault restart() {
    int port = vault().port();
    vault.close();
    vault = builder().port(port).build().start();
    return vault;
  }

  private void start(String name) {
    try {
      Path base = Path.of(System.getProperty("java.io.tmpdir"));
      dataDir = Files.createTempDirectory(base, "localvault-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int attempt = 0; ; attempt++) {
      LocalVault v = builder().build().start();
      String previous = TENANT_OF_PORT.putIfAbsent(v.port(), v.tenantId());
      if (previous == null || previous.equals(v.tenantId()) || attempt >= 5) {
        vault = v;
        return;
      }
      v.close();
    }
  }

  private LocalVault.Builder builder() {
    LocalVault.Builder b =
        LocalVault.builder()
            .dataDir(dataDir)
            .flavor(flavor)
            .network(network)
            .clientSecretIterations(TEST_CLIENT_SECRET_ITERATIONS)
            .attestationAuthority(
                TestAttestationAuthority.URL, TestAttestationAuthority.shared().jwksFile());
    if (clock != null) {
      b.clock(clock);
    }
    for (Object[] c : clients) {
      b.client((String) c[0], (String) c[1], (Role) c[2]);
    }
    options.forEach(o -> o.accept(b));
    return b;
  }

  private void stop() {
    if (vault != null) {
      vault.close();
      vault = null;
    }
  }
}
