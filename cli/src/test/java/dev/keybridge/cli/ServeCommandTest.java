package dev.keybridge.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} started in a thread on port 0, used, then stopped by interrupting it. */
class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void servesUntilStoppedAndWritesItsProperties() throws Exception {
    Path data = dir.resolve("vault");
    Path clients = dir.resolve("clients");
    Files.writeString(clients, "# extra clients\napp1:app1-secret:crypto-user\n\n");
    Files.setPosixFilePermissions(clients, PosixFilePermissions.fromString("rw-------"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server =
        new Thread(
            () ->
                exit.set(
                    Main.run(
                        new String[] {
                          "serve",
                          "--data",
                          data.toString(),
                          "--port",
                          "0",
                          "--clients-file",
                          clients.toString(),
                          "--latency",
                          "5:2",
                          "--throttle"
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))),
            "serve-under-test");
    server.start();
    Path properties = data.resolve("keybridge.properties");
    String printed = awaitOutput(out, "Press Ctrl-C to stop.", server);
    assertThat(printed)
        .containsPattern("keybridge local vault \\(vault\\) listening on https://localhost:\\d+")
        .contains("properties: " + properties)
        .contains("client: app1 (Key Vault Crypto User)")
        .contains("network simulation: latency 5±2 ms, Key Vault service limits");

    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(properties)) {
      props.load(in);
    }
    URI url = URI.create(props.getProperty("keybridge.vault.url"));
    assertThat(printed).contains("listening on " + url);
    DocSample.assertShown(
        "docs/cli.md",
        "keybridge serve --data ./vault --clients-file clients.txt --latency 5:2 --throttle",
        printed,
        Map.of(data.toString(), "/home/me/vault", clients.toString(), "clients.txt"));

    Cli.Result token = Cli.run(properties, "token");
    assertThat(token.exitCode()).as(token.toString()).isZero();
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(trusting(Path.of(props.getProperty("keybridge.trust.ca-file"))))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> keys =
        http.send(
            HttpRequest.newBuilder(url.resolve("/keys?api-version=7.5"))
                .header("Authorization", "Bearer " + token.out().trim())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(keys.statusCode()).isEqualTo(200);
    assertThat(keys.body()).contains("\"value\"");

    String tryLine =
        printed.lines().filter(line -> line.startsWith("Try: ")).findFirst().orElseThrow();
    Path repositoryRoot = Path.of("").toAbsolutePath().getParent();
    Process pasted =
        new ProcessBuilder("sh", "-c", tryLine.substring("Try: ".length()))
            .directory(repositoryRoot.toFile())
            .redirectErrorStream(true)
            .start();
    String pastedOutput = new String(pasted.getInputStream().readAllBytes(), UTF_8);
    assertThat(pasted.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(pasted.exitValue()).as(tryLine + "\n" + pastedOutput).isZero();
    assertThat(pastedOutput).startsWith("NAME");

    server.interrupt();
    server.join(30_000);
    assertThat(server.isAlive()).isFalse();
    assertThat(exit.get()).isEqualTo(ExitCode.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("keybridge local vault stopped\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThatThrownBy(() -> new Socket(url.getHost(), url.getPort()).close())
        .as("the stopped vault must not accept connections")
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void rejectsAMalformedClient() {
    Cli.Result result =
        Cli.run("serve", "--data", dir.toString(), "--client", "app1:secret:no-such-role");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).startsWith("error: ").contains("no-such-role").contains("crypto-user");
  }

  @Test
  void refusesAClientsFileOthersCanRead() throws Exception {
    Cli.Result result = serveWithClientsFile("app1:app1-secret:crypto-user\n", "rw-r--r--");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("must be private").contains("chmod 600");
    assertThat(result.err()).doesNotContain("app1-secret");
    assertThat(Files.exists(dir.resolve("v"))).as("nothing started").isFalse();
  }

  @Test
  void namesTheLineOfAMalformedClientsFileWithoutItsSecret() throws Exception {
    Cli.Result result =
        serveWithClientsFile(
            "app1:app1-secret:crypto-user\napp2:hidden-secret:no-such-role\n", "rw-------");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("line 2").contains("no-such-role");
    assertThat(result.err()).doesNotContain("hidden-secret");
  }

  /** {@code serve --clients-file} with a file of {@code content} and POSIX {@code mode}. */
  private Cli.Result serveWithClientsFile(String content, String mode) throws Exception {
    Path clients = dir.resolve("clients");
    Files.writeString(clients, content);
    Files.setPosixFilePermissions(clients, PosixFilePermissions.fromString(mode));
    return Cli.run(
        "serve", "--data", dir.resolve("v").toString(), "--clients-file", clients.toString());
  }

  @Test
  void warnsThatASecretOnTheCommandLineIsVisible() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread server =
        new Thread(
            () ->
                Main.run(
                    new String[] {
                      "serve",
                      "--data",
                      dir.resolve("w").toString(),
                      "--client",
                      "app1:app1-secret:crypto-user"
                    },
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)),
            "serve-with-client");
    server.start();
    awaitOutput(out, "Press Ctrl-C to stop.", server);
    server.interrupt();
    server.join(30_000);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("warning: --client puts client secrets in the process list")
        .contains("--clients-file")
        .doesNotContain("app1-secret");
  }

  private static String awaitOutput(ByteArrayOutputStream out, String marker, Thread server)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      String text = out.toString(StandardCharsets.UTF_8);
      if (text.contains(marker)) {
        return text;
      }
      if (!server.isAlive()) {
        throw new AssertionError("serve ended early: " + text);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve printed no '" + marker + "': " + out);
  }

  private static SSLContext trusting(Path caFile) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(caFile)) {
      Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
      store.setCertificateEntry("ca", ca);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
