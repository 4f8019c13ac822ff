package dev.keybridge.keystore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The aliases a KeyStore is limited to ({@code keybridge.keystore.aliases}): comma-separated names
 * or globs ({@code *} any run of characters, {@code ?} one character), matched case-insensitively
 * as Key Vault matches names. When every entry is an exact name, the KeyStore needs no listing: it
 * asks the vault for those entries only.
 */
record AliasFilter(List<String> names, List<Pattern> globs) {

  AliasFilter {
    names = List.copyOf(names);
    globs = List.copyOf(globs);
  }

  /** The filter of a configured value, or empty (every alias) when there is none. */
  static Optional<AliasFilter> parse(Optional<String> configured) {
    if (configured.isEmpty() || configured.get().isBlank()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    List<Pattern> globs = new ArrayList<>();
    for (String part : configured.get().split(",")) {
      String entry = part.trim();
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.indexOf('*') >= 0 || entry.indexOf('?') >= 0) {
        globs.add(glob(entry));
      } else if (names.stream().noneMatch(entry::equalsIgnoreCase)) {
        names.add(entry);
      }
    }
    return Optional.of(new AliasFilter(names, globs));
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  /** True when the filter is exact names only: the entries can be fetched without a listing. */
  boolean exactNamesOnly() {
    return globs.isEmpty();
  }

  /** Whether {@code name} is one of the names or matches one of the globs. */
  boolean matches(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String exact : names) {
      if (exact.toLowerCase(Locale.ROOT).equals(lower)) {
        return true;
      }
    }
    for (Pattern pattern : globs) {
      if (pattern.matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }
}
