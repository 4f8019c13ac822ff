package dev.keybridge.keystore;

import dev.keybridge.management.certificates.CertificateChains;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The options of one loaded KeyStore, with its chain files already read (a bad chain file fails
 * {@code load}, not a later {@code getCertificateChain}).
 */
record KeyStoreSettings(
    KeyVaultConfig config,
    Duration cacheTtl,
    List<X509Certificate> chain,
    Map<String, List<X509Certificate>> aliasChains,
    Clock clock) {

  /**
   * Resolves a load parameter.
   *
   * @throws IOException if a chain file cannot be read or holds no certificate
   */
  static KeyStoreSettings from(KeyVaultLoadStoreParameter parameter) throws IOException {
    List<X509Certificate> chain = null;
    if (parameter.chainFile().isPresent()) {
      chain = CertificateChains.readChainFile(parameter.chainFile().get());
    }
    Map<String, List<X509Certificate>> aliasChains = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, Path> binding : parameter.aliasChainFiles().entrySet()) {
      aliasChains.put(binding.getKey(), CertificateChains.readChainFile(binding.getValue()));
    }
    return new KeyStoreSettings(
        parameter.config(), parameter.cacheTtl(), chain, aliasChains, parameter.clock());
  }

  /** The chain bound to this alias name, or null. */
  List<X509Certificate> boundChain(String name) {
    return aliasChains.get(name);
  }
}
