package dev.keybridge.examples.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keybridge.cli.Main;
import dev.keybridge.management.config.KeyVaultConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;
import picocli.CommandLine;

/**
 * Checks fenced code blocks by their kind (the first word of the fence's info string); the rules
 * are at the top of {@code docs/README.md}:
 *
 * <ul>
 *   <li>{@code java}: compiled, all blocks in one javac task ({@link JavaSnippets}).
 *   <li>{@code properties}: read by {@link KeyVaultConfig#fromProperties(Properties)} (an unknown
 *       or malformed property fails).
 *   <li>{@code shell}: every command line checked ({@link ShellCommands}).
 *   <li>{@code xml}: well-formed (a block may hold several top-level elements).
 *   <li>{@code json}: the block, or each of its lines, is JSON.
 *   <li>{@code help keybridge CMD...}: equals the CLI's own {@code --help} of that command.
 *   <li>{@code text produced-by=TestClass}: output a test produces and compares with this doc: the
 *       test's source must exist in the repository and name this doc file.
 * </ul>
 *
 * A block of any other kind, or without one, fails.
 */
final class DocBlockChecker {
  private final Path root;
  private final ShellCommands shell = new ShellCommands();

  /**
   * @param root the repository root (where test sources named by {@code produced-by} are looked up)
   */
  DocBlockChecker(Path root) {
    this.root = root;
  }

  /** Every problem of the blocks as {@code file:line: message}; empty when all are fine. */
  List<String> check(List<DocBlock> blocks) throws IOException {
    List<String> problems = new ArrayList<>();
    List<DocBlock> java = new ArrayList<>();
    for (DocBlock block : blocks) {
      switch (block.kind()) {
        case "java" -> java.add(block);
        case "shell" -> problems.addAll(shell.check(block));
        case "properties" -> problems.addAll(properties(block));
        case "xml" -> problems.addAll(xml(block));
        case "json" -> problems.addAll(json(block));
        case "help" -> problems.addAll(help(block));
        case "text" -> {
          problems.addAll(text(block));
          problems.addAll(shell.check(block, true));
        }
        default ->
            problems.add(
                block.where()
                    + ": a code block of unknown kind '"
                    + block.info()
                    + "' (java, shell, properties, xml, json, help or text produced-by=...)");
      }
    }
    if (!java.isEmpty()) {
      problems.addAll(JavaSnippets.compile(java));
    }
    return problems;
  }

  private static List<String> properties(DocBlock block) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(block.text()));
      KeyVaultConfig.fromProperties(properties);
      return List.of();
    } catch (IOException | RuntimeException e) {
      return List.of(block.where() + ": not a valid keybridge.properties: " + e.getMessage());
    }
  }

  private static List<String> xml(DocBlock block) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler()); // report by exception, print nothing
      builder.parse(new InputSource(new StringReader("<doc>" + block.text() + "</doc>")));
      return List.of();
    } catch (Exception e) {
      return List.of(block.where() + ": not well-formed XML: " + e.getMessage());
    }
  }

  private static List<String> json(DocBlock block) {
    ObjectMapper mapper = new ObjectMapper();
    try {
      mapper.readTree(block.text());
      return List.of();
    } catch (IOException whole) {
      for (String line : block.lines()) {
        if (line.isBlank()) {
          continue;
        }
        try {
          mapper.readTree(line);
        } catch (IOException e) {
          return List.of(
              block.where() + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
      }
      return List.of();
    }
  }

  private static List<String> help(DocBlock block) {
    List<String> words = List.of(block.argument().split("\\s+"));
    if (words.isEmpty() || !words.get(0).equals("keybridge")) {
      return List.of(block.where() + ": help blocks name a keybridge command: help keybridge CMD");
    }
    StringWriter sink = new StringWriter();
    PrintWriter writer = new PrintWriter(sink);
    CommandLine command = Main.newCommandLine(writer, writer, false);
    for (String name : words.subList(1, words.size())) {
      command = command.getSubcommands().get(name);
      if (command == null) {
        return List.of(block.where() + ": no keybridge command " + block.argument());
      }
    }
    String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
    if (!strip(usage).equals(strip(block.text()))) {
      return List.of(
          block.where()
              + ": differs from the output of "
              + block.argument()
              + " --help, which is now:\n"
              + usage);
    }
    return List.of();
  }

  private static String strip(String text) {
    return text.lines()
        .map(String::stripTrailing)
        .reduce((a, b) -> a + "\n" + b)
        .orElse("")
        .strip();
  }

  private List<String> text(DocBlock block) throws IOException {
    String argument = block.argument();
    if (!argument.startsWith("produced-by=")) {
      return List.of(
          block.where()
              + ": an output block must name the test that produces it: ```text"
              + " produced-by=TestClass");
    }
    String test = argument.substring("produced-by=".length());
    String docName = root.relativize(block.file().toAbsolutePath().normalize()).toString();
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.toList()) {
        Path tests = module.resolve("src/test/java");
        if (Files.isDirectory(tests)) {
          try (Stream<Path> files = Files.walk(tests)) {
            files
                .filter(p -> p.getFileName().toString().equals(test + ".java"))
                .forEach(sources::add);
          }
        }
      }
    }
    if (sources.isEmpty()) {
      return List.of(block.where() + ": no test " + test);
    }
    for (Path source : sources) {
      if (Files.readString(source).contains(docName)) {
        return List.of();
      }
    }
    return List.of(block.where() + ": " + test + " does not read " + docName);
  }
}
