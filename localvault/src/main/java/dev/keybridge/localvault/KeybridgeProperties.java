package dev.keybridge.localvault;

import dev.keybridge.localvault.storage.MasterKey;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes {@code DIR/keybridge.properties} in the DESIGN.md format (owner-only, atomically). */
final class KeybridgeProperties {
  private KeybridgeProperties() {}

  static void write(
      Path file, URI url, Path caFile, String tenant, String clientId, String clientSecret)
      throws IOException {
    String content =
        "keybridge.vault.url="
            + url
            + "\nkeybridge.trust.ca-file="
            + escape(caFile.toAbsolutePath().toString())
            + "\nkeybridge.auth.method=client-secret"
            + "\nkeybridge.auth.tenant-id="
            + tenant
            + "\nkeybridge.auth.client-id="
            + clientId
            + "\nkeybridge.auth.client-secret="
            + escape(clientSecret)
            + "\nkeybridge.auth.authority-host="
            + url
            + "\n";
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    MasterKey.createOwnerOnly(tmp);
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Escapes the characters java.util.Properties treats specially in values. */
  private static String escape(String v) {
    return v.replace("\\", "\\\\");
  }
}
