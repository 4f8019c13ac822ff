package dev.keybridge.cli.keys;

import dev.keybridge.cli.ExitCode;
import dev.keybridge.cli.VaultCommand;
import dev.keybridge.cli.output.Output;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keybridge random}: random bytes from the (Managed) HSM. */
@Command(
    name = "random",
    mixinStandardHelpOptions = true,
    description = "Random bytes from the HSM (POST /rng; Managed HSM). Hex by default.")
public final class RandomCommand extends VaultCommand {
  @Option(
      names = {"-n", "--count"},
      paramLabel = "N",
      defaultValue = "32",
      description = "Number of bytes, 1 to 128 (default 32).")
  int count;

  @Option(names = "--base64", description = "Print base64 instead of hex.")
  boolean base64;

  @Override
  protected int run(Output out) {
    byte[] bytes = manager().getRandomBytes(count);
    String hex = HexFormat.of().formatHex(bytes);
    String b64 = Base64.getEncoder().encodeToString(bytes);
    if (out.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("count", bytes.length);
      json.put("hex", hex);
      json.put("base64", b64);
      out.printJson(json);
    } else {
      out.println(base64 ? b64 : hex);
    }
    return ExitCode.OK;
  }
}
