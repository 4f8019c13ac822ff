package dev.keybridge.cli.demo;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyProperties;
import dev.keybridge.keystore.KeyVaultKeyStore;
import dev.keybridge.keystore.key.VaultPrivateKey;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.network.NetworkConditions;
import dev.keybridge.management.KeyVaultException;
import dev.keybridge.management.KeyVaultManager;
import dev.keybridge.management.config.KeyVaultConfig;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.provider.KeyBridgeProvider;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.net.ssl.SSLSession;

/**
 * The steps of {@code keybridge demo}, run in order against a local vault in the data folder. A
 * step that fails stops the run; the remaining steps are reported as skipped. Each step is timed
 * and charged with the vault requests logged while it ran (from this process and from the jarsigner
 * child processes).
 */
final class DemoScenario {
  static final String KEK = "demo-kek";
  static final String ROTATING = "demo-rotating";

  private static final OAEPParameterSpec RSA_OAEP_256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private final Path dataDir;
  private final PrintWriter progress;
  private final NetworkConditions network;
  private final List<String> commands = new ArrayList<>();
  private final AccessLogCounter accessLog;

  private LocalVault vault;
  private KeyVaultManager manager;
  private KeyBridgeProvider provider;
  private DemoCertificates certificates;
  private X509Certificate caCertificate;
  private Path signedJar;
  private Path backupFile;
  private Set<String> versionsBeforeBackup;

  private final Double timeScale;

  private record Step(String name, Callable<String> action) {}

  DemoScenario(Path dataDir, PrintWriter progress) {
    this(dataDir, progress, NetworkConditions.NONE, null);
  }

  /**
   * A scenario whose vault simulates {@code network} (e.g. {@code demo --latency 20}) and, with a
   * time scale, adds a step where a key rotates on schedule ({@code demo --time-scale N}).
   */
  DemoScenario(Path dataDir, PrintWriter progress, NetworkConditions network, Double timeScale) {
    this.network = network;
    this.dataDir = dataDir;
    this.timeScale = timeScale;
    this.progress = progress;
    // where the vault will log (DIR/access.log); an earlier run's lines are not this run's
    this.accessLog = new AccessLogCounter(dataDir.resolve("access.log"));
  }

  /** The tool command lines the run started (jarsigner), for the summary. */
  List<String> commands() {
    return commands;
  }

  /** The running vault (null before the first step or after it stopped). */
  LocalVault vault() {
    return vault;
  }

  /**
   * Runs every step; with {@code keepVaultRunning} the vault is left running (the caller stops it),
   * otherwise the last step stops it.
   */
  List<StepResult> run(boolean keepVaultRunning) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("start the local vault", this::startVault));
    steps.add(new Step("create RSA and EC keys", this::createKeys));
    steps.add(new Step("create self-signed certificates", this::createSelfSignedCertificates));
    steps.add(new Step("issue a code-signing certificate", this::issueCodeSigningCertificate));
    steps.add(new Step("sign a JAR with jarsigner", this::signJar));
    steps.add(new Step("verify it: jarsigner -verify -strict", this::verifyJar));
    steps.add(new Step("serve one TLS 1.3 request", this::serveTls));
    steps.add(new Step("wrap and unwrap a data key", this::wrapAndUnwrap));
    steps.add(new Step("rotate a key", this::rotate));
    steps.add(new Step("back up the key", this::backUp));
    steps.add(new Step("delete the key", this::delete));
    steps.add(new Step("recover the deleted key", this::recover));
    steps.add(new Step("restore the key from its backup", this::restore));
    if (timeScale != null) {
      steps.add(
          new Step(
              "rotate on schedule (vault clock x" + Math.round(timeScale) + ")",
              () -> DemoScheduledRotation.run(dataDir, timeScale)));
    }
    if (!keepVaultRunning) {
      steps.add(new Step("stop the local vault", this::stopVault));
    }

    List<StepResult> results = new ArrayList<>();
    boolean failed = false;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (failed) {
        results.add(new StepResult(step.name(), StepResult.SKIPPED, 0, 0, null));
        continue;
      }
      progress.printf("[%d/%d] %s%n", i + 1, steps.size(), step.name());
      progress.flush();
      int mark = accessLog.mark();
      long start = System.nanoTime();
      String status = StepResult.OK;
      String detail;
      try {
        detail = step.action().call();
      } catch (Exception e) {
        status = StepResult.FAILED;
        detail = describe(e);
        failed = true;
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      int requests = accessLog.since(mark);
      results.add(new StepResult(step.name(), status, millis, requests, detail));
    }
    if (failed && vault != null && !keepVaultRunning) {
      vault.close();
    }
    return results;
  }

  private String startVault() {
    vault = LocalVault.builder().dataDir(dataDir).network(network).build().start();
    if (!vault.accessLogFile().toAbsolutePath().equals(dataDir.resolve("access.log"))) {
      throw new IllegalStateException(
          "the vault logs to "
              + vault.accessLogFile()
              + ", not DIR/access.log: request counts would be wrong");
    }
    KeyVaultConfig config = KeyVaultConfig.fromProperties(vault.propertiesFile());
    manager = new KeyVaultManager(config);
    provider = new KeyBridgeProvider(config);
    // JSSE picks signature providers from the installed list (delayed selection by key class).
    if (Security.getProvider(KeyBridgeProvider.NAME) == null) {
      Security.addProvider(provider);
    }
    certificates = new DemoCertificates(manager.certificates());
    return vault.url().toString();
  }

  private String createKeys() {
    for (String name : List.of(DemoCertificates.CA_KEY, KEK, ROTATING)) {
      purgeLeftover(name);
    }
    manager.createRsaKey(DemoCertificates.CA_KEY, 2048, KeyOptions.defaults());
    manager.createRsaKey(KEK, 2048, KeyOptions.defaults());
    manager.createEcKey(ROTATING, KeyCurveName.P_256, KeyOptions.defaults());
    return DemoCertificates.CA_KEY + ", " + KEK + " (RSA 2048), " + ROTATING + " (EC P-256)";
  }

  /** A key a failed earlier run left deleted would block its name: purge it. */
  private void purgeLeftover(String name) {
    try {
      manager.getDeletedKey(name);
    } catch (KeyVaultException notDeleted) {
      if (notDeleted.statusCode() == 404) {
        return;
      }
      throw notDeleted;
    }
    manager.purgeDeletedKey(name);
  }

  private String createSelfSignedCertificates() throws Exception {
    certificates.createTlsCertificate();
    caCertificate = certificates.createCaCertificate(keyStore(), provider);
    Path pem = dataDir.resolve("demo-ca.pem");
    Files.writeString(pem, DemoCertificates.pem(caCertificate));
    return DemoCertificates.TLS
        + " (by the vault, localhost), CA "
        + pem.getFileName()
        + " (signed by "
        + DemoCertificates.CA_KEY
        + ")";
  }

  private String issueCodeSigningCertificate() throws Exception {
    certificates.issueCodeSigning(keyStore(), provider, caCertificate);
    return DemoCertificates.CODE_SIGNING
        + " (EC P-256): vault CSR, signed by "
        + DemoCertificates.CA_KEY
        + ", merged";
  }

  private String signJar() throws Exception {
    Path unsigned = DemoJarsigner.writeSampleJar(dataDir.resolve("demo-app.jar"));
    signedJar = dataDir.resolve("demo-app-signed.jar");
    Files.deleteIfExists(signedJar);
    List<String> command =
        DemoJarsigner.signCommand(
            vault.propertiesFile(), unsigned, signedJar, DemoCertificates.CODE_SIGNING);
    commands.add(DemoJarsigner.display(command));
    int mark = accessLog.mark();
    DemoJarsigner.Run run = DemoJarsigner.run(command, dataDir.resolve("jarsigner-sign.log"));
    if (run.exitCode() != 0 || !run.output().contains("jar signed.")) {
      throw new IllegalStateException(
          "jarsigner exited " + run.exitCode() + ": " + lastLine(run.output()));
    }
    int signatures =
        accessLog.served(
            mark, "POST", "/keys/" + DemoCertificates.CODE_SIGNING + "/[0-9a-f]+/sign");
    return signedJar.getFileName() + ", " + signatures + " signature in the vault";
  }

  private String verifyJar() throws Exception {
    Path trustStore =
        DemoCertificates.writeTrustStore(dataDir.resolve("demo-trust.p12"), caCertificate);
    List<String> command =
        DemoJarsigner.verifyCommand(trustStore, DemoCertificates.TRUST_STORE_PASSWORD, signedJar);
    commands.add(DemoJarsigner.display(command));
    DemoJarsigner.Run run = DemoJarsigner.run(command, dataDir.resolve("jarsigner-verify.log"));
    if (run.exitCode() != 0 || !run.output().contains("jar verified.")) {
      throw new IllegalStateException(
          "jarsigner -verify exited " + run.exitCode() + ": " + lastLine(run.output()));
    }
    return "jar verified., chain up to " + caCertificate.getSubjectX500Principal();
  }

  private String serveTls() throws Exception {
    KeyStore keyStore = keyStore();
    X509Certificate certificate = (X509Certificate) keyStore.getCertificate(DemoCertificates.TLS);
    int mark = accessLog.mark();
    SSLSession session = DemoTls.serveOneRequest(keyStore, DemoCertificates.TLS, certificate);
    if (!"TLSv1.3".equals(session.getProtocol())) {
      throw new IllegalStateException("negotiated " + session.getProtocol() + ", not TLSv1.3");
    }
    int signatures =
        accessLog.served(mark, "POST", "/keys/" + DemoCertificates.TLS + "/[0-9a-f]+/sign");
    return session.getProtocol()
        + " "
        + session.getCipherSuite()
        + ", "
        + signatures
        + " signature in the vault";
  }

  private String wrapAndUnwrap() throws Exception {
    Key key = keyStore().getKey(KEK, null);
    if (!(key instanceof VaultPrivateKey kek)) {
      throw new GeneralSecurityException(KEK + " is not an RSA key handle");
    }
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    SecretKey dataKey = generator.generateKey();
    Cipher wrap = Cipher.getInstance("RSA/ECB/OAEPPadding");
    wrap.init(Cipher.WRAP_MODE, kek.publicKey(), RSA_OAEP_256);
    byte[] wrapped = wrap.wrap(dataKey);
    Cipher unwrap = Cipher.getInstance("RSA/ECB/OAEPPadding", provider);
    unwrap.init(Cipher.UNWRAP_MODE, kek, RSA_OAEP_256);
    Key unwrapped = unwrap.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
    if (!MessageDigest.isEqual(dataKey.getEncoded(), unwrapped.getEncoded())) {
      throw new GeneralSecurityException("the unwrapped data key differs from the original");
    }
    return "AES-256 data key wrapped locally (RSA-OAEP-256), unwrapped in the vault";
  }

  private String rotate() {
    String before = manager.getKey(ROTATING).version();
    String after = manager.rotateKey(ROTATING).version();
    return ROTATING + " " + shortVersion(before) + " -> " + shortVersion(after);
  }

  private String backUp() {
    versionsBeforeBackup = versions();
    backupFile = manager.backupKey(ROTATING, dataDir.resolve(ROTATING + ".keybackup"));
    return backupFile.getFileName() + " (" + versionsBeforeBackup.size() + " versions)";
  }

  private String delete() {
    manager.deleteKey(ROTATING);
    return ROTATING + " soft-deleted, recoverable";
  }

  private String recover() {
    manager.recoverDeletedKey(ROTATING);
    return ROTATING + " back with " + versions().size() + " versions";
  }

  private String restore() {
    manager.deleteKey(ROTATING);
    manager.purgeDeletedKey(ROTATING);
    manager.restoreKeyBackup(backupFile);
    Set<String> restored = versions();
    if (!restored.equals(versionsBeforeBackup)) {
      throw new IllegalStateException(
          "restored versions " + restored + " differ from the backup's " + versionsBeforeBackup);
    }
    return "deleted, purged, restored "
        + restored.size()
        + " versions from "
        + backupFile.getFileName();
  }

  private String stopVault() {
    vault.close();
    return "data kept in " + dataDir;
  }

  /** A freshly loaded KeyStore: the listing includes what earlier steps created. */
  private KeyStore keyStore() throws Exception {
    KeyStore keyStore = KeyStore.getInstance(KeyVaultKeyStore.TYPE, provider);
    keyStore.load(null, null);
    return keyStore;
  }

  private Set<String> versions() {
    return manager
        .listKeyVersions(ROTATING)
        .map(KeyProperties::getVersion)
        .collect(Collectors.toSet());
  }

  private static String shortVersion(String version) {
    return version.length() > 8 ? version.substring(0, 8) : version;
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\\R");
    return lines.length == 0 ? "(no output)" : lines[lines.length - 1];
  }

  private static String describe(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.strip().split("\\R")[0];
  }
}
