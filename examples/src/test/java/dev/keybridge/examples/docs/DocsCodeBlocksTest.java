package dev.keybridge.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every fenced code block of README.md and docs/*.md is compiled, parsed or compared by its kind
 * (the rules: {@link DocBlockChecker}, and the top of docs/README.md), and every relative link
 * points at a file and heading that exist.
 */
class DocsCodeBlocksTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void everyCodeBlockOfTheDocsIsCheckedByItsKind() throws IOException {
    List<DocBlock> blocks = new ArrayList<>();
    for (Path doc : docs()) {
      blocks.addAll(DocBlock.read(doc));
    }
    assertThat(blocks).hasSizeGreaterThan(30);
    assertThat(blocks).anyMatch(b -> b.kind().equals("java"));

    List<String> problems = new DocBlockChecker(ROOT).check(blocks);

    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void everyRelativeLinkPointsAtAFileAndHeadingThatExist() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path doc : docs()) {
      String text = withoutCodeBlocks(Files.readString(doc));
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.startsWith("http://") || target.startsWith("https://")) {
          continue;
        }
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path linked = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!Files.exists(linked)) {
          broken.add(ROOT.relativize(doc) + ": " + target + " (no such file)");
        } else if (anchor != null && !anchors(linked).contains(anchor)) {
          broken.add(ROOT.relativize(doc) + ": " + target + " (no such heading)");
        }
      }
    }
    assertThat(broken).as(String.join("\n", broken)).isEmpty();
  }

  /** README.md and every docs/*.md. */
  static List<Path> docs() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  private static String withoutCodeBlocks(String markdown) {
    return markdown.replaceAll("(?ms)^\\s*```.*?^\\s*```\\s*$", "").replaceAll("`[^`\n]*`", "");
  }

  /** GitHub's heading anchors: lower case, punctuation dropped, spaces as dashes. */
  private static List<String> anchors(Path markdown) throws IOException {
    if (!markdown.toString().endsWith(".md")) {
      return List.of();
    }
    return withoutCodeBlocksKeepingHeadings(Files.readString(markdown))
        .lines()
        .filter(l -> l.startsWith("#"))
        .map(l -> l.replaceFirst("^#+\\s*", ""))
        .map(h -> h.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
        .toList();
  }

  private static String withoutCodeBlocksKeepingHeadings(String markdown) {
    return markdown.replaceAll("(?ms)^\\s*```.*?^\\s*```\\s*$", "");
  }
}
