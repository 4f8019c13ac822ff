package dev.keybridge.cli.keys;

import com.azure.security.keyvault.keys.models.KeyCurveName;
import dev.keybridge.cli.CliException;
import dev.keybridge.cli.output.Output;
import dev.keybridge.management.keys.KeyBundle;
import dev.keybridge.management.keys.KeyOptions;
import dev.keybridge.management.keys.VaultCurve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keys create NAME}: a new key, or a new version of an existing one. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create a key (a new version when NAME exists). Prints the key.")
final class KeyCreateCommand extends KeyCommand {
  /** Key families of --type. */
  enum Type {
    RSA,
    EC,
    OCT
  }

  @Parameters(index = "0", paramLabel = "NAME", description = "Key name (letters, digits, -).")
  String name;

  @Option(
      names = {"-t", "--type"},
      paramLabel = "rsa|ec|oct",
      defaultValue = "rsa",
      description = "Key type (default rsa). oct is a symmetric AES key (Managed HSM).")
  Type type;

  @Option(
      names = "--size",
      paramLabel = "BITS",
      description = "RSA: 2048 (default), 3072, 4096. oct: 128, 192, 256 (default).")
  Integer size;

  @Option(
      names = "--curve",
      paramLabel = "CURVE",
      description = "EC curve: P-256 (default), P-384, P-521, P-256K.")
  String curve;

  @Option(
      names = "--exponent",
      paramLabel = "E",
      description = "RSA public exponent (default 65537).")
  Integer exponent;

  @Mixin NewKeyOptions keyOptions;

  @Override
  protected int run(Output out) {
    KeyOptions options = keyOptions.toKeyOptions();
    KeyBundle key =
        switch (type) {
          case RSA -> {
            if (curve != null) {
              throw CliException.usage("--curve applies to --type ec only");
            }
            int bits = size == null ? 2048 : size;
            yield exponent == null
                ? manager().createRsaKey(name, bits, options)
                : manager().createRsaKey(name, bits, exponent, options);
          }
          case EC -> {
            if (size != null || exponent != null) {
              throw CliException.usage(
                  "--size and --exponent do not apply to --type ec (use --curve)");
            }
            yield manager().createEcKey(name, curve(curve), options);
          }
          case OCT -> {
            if (curve != null || exponent != null) {
              throw CliException.usage("--curve and --exponent do not apply to --type oct");
            }
            yield manager().createOctKey(name, size == null ? 256 : size, options);
          }
        };
    return printKey(out, key);
  }

  static KeyCurveName curve(String value) {
    if (value == null) {
      return KeyCurveName.P_256;
    }
    return VaultCurve.fromVaultName(value)
        .map(VaultCurve::keyCurveName)
        .orElseThrow(
            () ->
                CliException.usage(
                    "unknown curve '" + value + "': use P-256, P-384, P-521 or P-256K"));
  }
}
