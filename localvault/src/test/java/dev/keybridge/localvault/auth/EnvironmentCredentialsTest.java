package dev.keybridge.localvault.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import dev.keybridge.localvault.LocalVault;
import dev.keybridge.localvault.Role;
import dev.keybridge.localvault.testing.LocalVaultExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials that read the real process environment, each in a child JVM with its own environment:
 * the managed identity of App Service ({@code IDENTITY_ENDPOINT}/{@code IDENTITY_HEADER} served by
 * the local vault) directly and through {@code DefaultAzureCredential}, and the Azure CLI
 * credential with a stand-in {@code az} on the child's PATH that answers like {@code az account
 * get-access-token}. Each gets a token and lists keys.
 */
class EnvironmentCredentialsTest {
  @RegisterExtension
  static final LocalVaultExtension VAULT =
      LocalVaultExtension.create()
          .client("cli-user", "cli-user-secret", Role.READER)
          .configure(b -> b.managedIdentity("app-service-identity", Role.READER));

  @TempDir static Path dir;

  @BeforeAll
  static void key() {
    VAULT.sdk().keyClient().createEcKey(new CreateEcKeyOptions("env-listed"));
  }

  @Test
  void managedIdentityOfAppService() throws Exception {
    Map<String, String> env = managedIdentityEnvironment();
    String out = runChild("managed-identity", env);
    assertThat(out).contains("appid=app-service-identity").contains("env-listed");
  }

  @Test
  void defaultAzureCredentialFindsTheManagedIdentity() throws Exception {
    Map<String, String> env = managedIdentityEnvironment();
    String out = runChild("default", env);
    assertThat(out).contains("appid=app-service-identity").contains("env-listed");
  }

  @Test
  void azureCliCredentialWithAStandInAzOnThePath() throws Exception {
    String token =
        VAULT.http().token("cli-user", "cli-user-secret", "https://vault.azure.net/.default");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path az = bin.resolve("az");
    long expiresOn = Instant.now().getEpochSecond() + 3000;
    Files.writeString(
        az,
        "#!/bin/sh\n"
            + "# stand-in for the Azure CLI: answers only 'az account get-access-token'\n"
            + "if [ \"$1 $2\" != \"account get-access-token\" ]; then echo \"unexpected: $*\" >&2;"
            + " exit 2; fi\n"
            + "cat <<'JSON'\n"
            + "{\"accessToken\":\""
            + token
            + "\",\"expiresOn\":\"2099-01-01 00:00:00.000000\",\"expires_on\":"
            + expiresOn
            + ",\"subscription\":\"00000000-0000-0000-0000-000000000000\",\"tenant\":\""
            + VAULT.vault().tenantId()
            + "\",\"tokenType\":\"Bearer\"}\n"
            + "JSON\n");
    Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwx------"));
    String out = runChild("azure-cli", Map.of("PATH", bin + ":/usr/bin:/bin"));
    assertThat(out).contains("appid=cli-user").contains("env-listed");
  }

  /** What App Service puts into the environment of an app with a managed identity. */
  private static Map<String, String> managedIdentityEnvironment() {
    LocalVault vault = VAULT.vault();
    return Map.of(
        "IDENTITY_ENDPOINT", vault.managedIdentityEndpoint().toString(),
        "IDENTITY_HEADER", vault.managedIdentityHeader());
  }

  private static String runChild(String mode, Map<String, String> env) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CredentialChild.class.getName());
    command.add(mode);
    command.add(VAULT.vault().url().toString());
    command.add(VAULT.vault().caCertificateFile().toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("AZURE_") || k.startsWith("IDENTITY_") || k.startsWith("MSI_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = read(p);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static String read(Process p) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    p.getInputStream().transferTo(b);
    return b.toString(StandardCharsets.UTF_8);
  }
}
