package dev.keybridge.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A "name: value" block for one object (a key, a certificate), labels aligned. Null values are left
 * out, so a block shows only what the vault returned.
 */
public final class Details {
  private final List<String[]> lines = new ArrayList<>();

  /** Adds a line unless the value is null. */
  public Details add(String label, Object value) {
    if (value != null) {
      lines.add(new String[] {label, String.valueOf(value)});
    }
    return this;
  }

  /** Prints every line. */
  public void print(PrintWriter out) {
    int width = 0;
    for (String[] line : lines) {
      width = Math.max(width, line[0].length());
    }
    for (String[] line : lines) {
      out.println(line[0] + ":" + " ".repeat(width - line[0].length() + 1) + line[1]);
    }
    out.flush();
  }
}
