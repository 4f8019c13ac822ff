package dev.keybridge.examples.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One fenced code block of a Markdown file.
 *
 * @param file the Markdown file
 * @param line the line of the opening fence (1-based)
 * @param info the fence's info string (what follows the backticks), e.g. {@code text
 *     produced-by=DemoCommandTest}
 * @param text the block's lines, joined with newlines, without the fences
 */
record DocBlock(Path file, int line, String info, String text) {
  /** The block's kind: the first word of its info string, or empty when it has none. */
  String kind() {
    String stripped = info.strip();
    int space = stripped.indexOf(' ');
    return space < 0 ? stripped : stripped.substring(0, space);
  }

  /** The info string after the kind. */
  String argument() {
    String stripped = info.strip();
    int space = stripped.indexOf(' ');
    return space < 0 ? "" : stripped.substring(space + 1).strip();
  }

  /** {@code file:line} for messages. */
  String where() {
    return file.getFileName() + ":" + line;
  }

  List<String> lines() {
    return text.lines().toList();
  }

  /** Every fenced block (``` fences, at any indentation) of a Markdown file, in order. */
  static List<DocBlock> read(Path file) throws IOException {
    return parse(file, Files.readAllLines(file));
  }

  static List<DocBlock> parse(Path file, List<String> lines) {
    List<DocBlock> blocks = new ArrayList<>();
    int open = -1;
    String info = null;
    int indent = 0;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String stripped = line.stripLeading();
      if (open < 0) {
        if (stripped.startsWith("```")) {
          open = i + 1;
          indent = line.length() - stripped.length();
          info = stripped.substring(3);
          text.setLength(0);
        }
      } else if (stripped.startsWith("```") && stripped.substring(3).isBlank()) {
        blocks.add(new DocBlock(file, open, info, text.toString()));
        open = -1;
      } else {
        String content =
            line.length() >= indent && line.substring(0, indent).isBlank()
                ? line.substring(indent)
                : stripped;
        text.append(content).append('\n');
      }
    }
    if (open >= 0) {
      blocks.add(new DocBlock(file, open, "(unclosed)", text.toString()));
    }
    return blocks;
  }
}
