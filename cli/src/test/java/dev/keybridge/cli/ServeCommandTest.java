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
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
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
                          "--client",
                          "app1:app1-secret:crypto-user"
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
        .contains("client: app1 (Key Vault Crypto User)");

    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(properties)) {
      props.load(in);
    }
    URI url = URI.create(props.getProperty("keybridge.vault.url"));
    assertThat(printed).contains("listening on " + url);

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
