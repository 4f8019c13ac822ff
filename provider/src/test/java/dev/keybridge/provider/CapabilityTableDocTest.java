package dev.keybridge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The capability table of {@code docs/provider.md} (JCA type, JCA names, key, Key Vault algorithm)
 * is the provider's service table: the same (type, name) pairs as {@code getServices()}, and every
 * service's {@link KeyBridgeProvider#KEY_VAULT_ALGORITHM} named in its row.
 *
 * <p>Reading the table: names are the backticked words of the second column outside parentheses
 * (parentheses hold aliases and OIDs; a {@code ...Spec} is a parameter class, not a name); {@code
 * `X…`} abbreviates the previous name with its first characters replaced by X.
 */
class CapabilityTableDocTest {
  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

  record Row(String type, List<String> names, String keyVault) {}

  @Test
  void docTableEqualsTheRegisteredServices() throws Exception {
    List<Row> rows = docRows(Files.readAllLines(Path.of("..", "docs", "provider.md")));
    assertThat(rows).isNotEmpty();
    Provider provider = new KeyBridgeProvider();

    Set<String> documented = new TreeSet<>();
    for (Row row : rows) {
      for (String name : row.names()) {
        documented.add(row.type() + "." + name);
      }
    }
    Set<String> registered = new TreeSet<>();
    for (Provider.Service service : provider.getServices()) {
      registered.add(service.getType() + "." + service.getAlgorithm());
      String vault = service.getAttribute(KeyBridgeProvider.KEY_VAULT_ALGORITHM);
      assertThat(vault)
          .as("%s.%s names its Key Vault algorithm", service.getType(), service.getAlgorithm())
          .isNotBlank();
      Row row =
          rows.stream()
              .filter(
                  r ->
                      r.type().equals(service.getType())
                          && r.names().contains(service.getAlgorithm()))
              .findFirst()
              .orElse(null);
      if (row != null) {
        for (String algorithm : vault.split(" / ")) {
          assertThat(row.keyVault())
              .as("docs/provider.md row of %s.%s", service.getType(), service.getAlgorithm())
              .contains(algorithm);
        }
      }
    }
    assertThat(documented).isEqualTo(registered);
  }

  private static List<Row> docRows(List<String> lines) {
    List<Row> rows = new ArrayList<>();
    int start = lines.indexOf("| JCA type | JCA name (aliases) | Key | Key Vault |");
    assertThat(start).as("docs/provider.md has the capability table").isNotNegative();
    for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = lines.get(i).split("(?<!\\\\)\\|");
      rows.add(new Row(cells[1].trim(), names(cells[2]), cells[4].trim()));
    }
    return rows;
  }

  private static List<String> names(String cell) {
    String outside = cell.replaceAll("\\([^)]*\\)", "");
    List<String> names = new ArrayList<>();
    Matcher matcher = BACKTICKED.matcher(outside);
    String previous = null;
    while (matcher.find()) {
      String name = matcher.group(1);
      if (name.endsWith("Spec")) {
        continue;
      }
      if (name.endsWith("…")) {
        String prefix = name.substring(0, name.length() - 1);
        name = prefix + previous.substring(prefix.length());
      }
      names.add(name);
      previous = name;
    }
    return names;
  }
}
