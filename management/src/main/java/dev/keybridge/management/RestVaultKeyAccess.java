package dev.keybridge.management;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.implementation.KeyPropertiesHelper;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.CreateKeyOptions;
import com.azure.security.keyvault.keys.models.CreateOctKeyOptions;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.ImportKeyOptions;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.management.crypto.VaultCrypto;
import dev.keybridge.management.crypto.VaultKeyAccess;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeySizes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;
import reactor.core.publisher.Mono;

/**
 * {@link VaultKeyAccess} over one credential's pipeline: reads by direct REST (api-version {@value
 * #READ_API_VERSION}), so that {@code attributes.key_size}, which the SDK's models drop, is read
 * from the response itself; writes and lists through the SDK's {@link KeyClient} on the same
 * pipeline. Errors are translated in one place ({@link KeyVaultErrors}).
 */
final class RestVaultKeyAccess implements VaultKeyAccess {
  /**
   * The api-version of key reads: the first at which Azure reports {@code attributes.key_size} (its
   * answers at 7.6 have none; see the local vault's recorded Azure responses).
   */
  static final String READ_API_VERSION = "2025-07-01";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpPipeline pipeline;
  private final URI vaultUrl;
  private final Supplier<KeyClient> keys;
  private final VaultCrypto crypto;

  RestVaultKeyAccess(
      HttpPipeline pipeline, URI vaultUrl, Supplier<KeyClient> keys, VaultCrypto crypto) {
    this.pipeline = pipeline;
    this.vaultUrl = vaultUrl;
    this.keys = keys;
    this.crypto = crypto;
  }

  @Override
  public KeyBundle getKey(String name, String version) {
    return getKeyLater(name, version).block();
  }

  /**
   * {@link #getKey} without blocking, for the async facade: the same request and the same size rule
   * ({@code attributes.key_size}, then {@link KeySizes}); fails with a {@link KeyVaultException}.
   */
  Mono<KeyBundle> getKeyLater(String name, String version) {
    String url =
        vaultUrl
            + "/keys/"
            + segment(name)
            + "/"
            + (version == null ? "" : segment(version))
            + "?api-version="
            + READ_API_VERSION;
    HttpRequest request =
        new HttpRequest(HttpMethod.GET, url).setHeader(HttpHeaderName.ACCEPT, "application/json");
    return Mono.defer(() -> pipeline.send(request, Context.NONE))
        .switchIfEmpty(Mono.error(() -> KeyVaultErrors.unreachable("getKey", name, null)))
        .flatMap(
            response ->
                response
                    .getBodyAsByteArray()
                    .defaultIfEmpty(new byte[0])
                    .map(body -> bundle(name, response.getStatusCode(), body))
                    .doFinally(signal -> response.close()))
        .onErrorMap(e -> KeyVaultErrors.translate(e, "getKey", name));
  }

  private static KeyBundle bundle(String name, int status, byte[] body) {
    if (status != 200) {
      throw KeyVaultErrors.fromResponse(
          status, new String(body, StandardCharsets.UTF_8), "getKey", name, null);
    }
    try (JsonReader reader = JsonProviders.createReader(body)) {
      KeyVaultKey key = KeyVaultKey.fromJson(reader);
      if (key.getId() == null && key.getKey() != null && key.getKey().getId() != null) {
        // KeyVaultKey.fromJson (SDK 4.12) unpacks name and version from key.kid but leaves the
        // id unset; the SDK's own clients set it through this helper, so do the same
        KeyPropertiesHelper.setId(key.getProperties(), key.getKey().getId());
      }
      JsonNode size = JSON.readTree(body).path("attributes").path("key_size");
      return KeyBundle.of(key, size.canConvertToInt() ? size.intValue() : null);
    } catch (IOException | RuntimeException e) {
      throw new KeyVaultException(
          "getKey", name, status, "InvalidResponse", null, "the key bundle is unreadable", e);
    }
  }

  @Override
  public Stream<KeyProperties> listKeys() {
    return Paging.stream(() -> keys.get().listPropertiesOfKeys(), p -> p, "listKeys", null);
  }

  @Override
  public KeyBundle createKey(CreateKeyOptions options) {
    Integer octBits = options instanceof CreateOctKeyOptions oct ? oct.getKeySize() : null;
    options.setTags(KeySizes.tagged(options.getTags(), options.getKeyType(), octBits));
    KeyClient client = keys.get();
    KeyVaultKey created =
        KeyVaultManager.run(
            "createKey",
            options.getName(),
            () -> {
              if (options instanceof CreateRsaKeyOptions rsa) {
                return client.createRsaKey(rsa);
              } else if (options instanceof CreateEcKeyOptions ec) {
                return client.createEcKey(ec);
              } else if (options instanceof CreateOctKeyOptions oct) {
                return client.createOctKey(oct);
              }
              return client.createKey(options);
            });
    return KeyBundle.of(created);
  }

  @Override
  public KeyBundle importKey(ImportKeyOptions options) {
    KeyType type = options.getKey().getKeyType();
    options.setTags(KeySizes.tagged(options.getTags(), type, KeySizes.octBits(options.getKey())));
    KeyClient client = keys.get();
    return KeyBundle.of(
        KeyVaultManager.run("importKey", options.getName(), () -> client.importKey(options)));
  }

  @Override
  public void deleteKey(String name) {
    KeyClient client = keys.get();
    KeyVaultManager.run("deleteKey", name, () -> client.beginDeleteKey(name));
  }

  @Override
  public VaultCrypto crypto() {
    return crypto;
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
