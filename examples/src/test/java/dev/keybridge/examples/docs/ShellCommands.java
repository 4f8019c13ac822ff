package dev.keybridge.examples.docs;

import dev.keybridge.cli.Main;
import dev.keybridge.examples.JdkTools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Checks the command lines of {@code shell} blocks. A block's lines are joined at a trailing
 * backslash; a leading {@code $ } prompt, comments and {@code $(...)} substitutions (checked as
 * commands of their own) are taken apart; pipes, {@code &&}, {@code ;} and redirections separate
 * commands. By the first word:
 *
 * <ul>
 *   <li>{@code keybridge ...} and {@code java -jar .../keybridge.jar ...}: parsed by the CLI's own
 *       picocli model ({@link Main#newCommandLine}); an unknown command or option, a missing or
 *       malformed value fails.
 *   <li>{@code java -cp ... CLASS ...}: the class must exist.
 *   <li>{@code mvn}: the options and phases must be among those the docs use on purpose.
 *   <li>{@code jarsigner}, {@code keytool}, {@code openssl}, {@code curl}: every option must be one
 *       the tool's own help lists ({@code -J...} passes through to the JVM).
 *   <li>{@code printf}, {@code echo}, {@code chmod}: not checked.
 * </ul>
 *
 * Any other command fails.
 */
final class ShellCommands {
  private static final Set<String> UNCHECKED = Set.of("printf", "echo", "chmod");
  private static final Set<String> MAVEN_OPTIONS = Set.of("-B", "-q", "-o", "-am", "-pl");
  private static final Set<String> MAVEN_PHASES =
      Set.of("clean", "package", "verify", "install", "test", "spotless:apply");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[A-Za-z](?:[\\w.-]*\\w)?)");

  /** Tool help texts, shared by every checker of the test JVM: each tool is asked once. */
  private static final Map<String, String> HELP_TEXTS = new ConcurrentHashMap<>();

  private CommandLine cli;

  /** Problems of one {@code shell} block as {@code file:line: message}. */
  List<String> check(DocBlock block) {
    return check(block, false);
  }

  /**
   * As {@link #check(DocBlock)}; with {@code promptedOnly} only the {@code $ } lines (the commands
   * of a sample session, whose other lines are output).
   */
  List<String> check(DocBlock block, boolean promptedOnly) {
    List<String> lines =
        promptedOnly
            ? block.lines().stream().filter(l -> l.startsWith("$ ")).toList()
            : block.lines();
    List<String> problems = new ArrayList<>();
    for (String command : commands(lines)) {
      String problem = checkCommand(command);
      if (problem != null) {
        problems.add(block.where() + ": " + problem + ": " + command);
      }
    }
    return problems;
  }

  /** The single commands of a block's lines (continuations joined, prompts and comments gone). */
  static List<String> commands(List<String> lines) {
    List<String> logical = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : lines) {
      String line = raw.strip();
      if (current.length() == 0 && line.startsWith("$ ")) {
        line = line.substring(2);
      }
      if (current.length() == 0 && (line.isEmpty() || line.startsWith("#"))) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.add(current.append(line).toString());
      current.setLength(0);
    }
    if (current.length() > 0) {
      logical.add(current.toString());
    }
    List<String> commands = new ArrayList<>();
    for (String line : logical) {
      split(line, commands);
    }
    return commands;
  }

  /** Splits one logical line at pipes, && and ; outside quotes; substitutions become commands. */
  private static void split(String line, List<String> commands) {
    StringBuilder current = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == 0 && c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
        break;
      }
      if (quote != '\'' && c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
        int depth = 0;
        int end = i + 1;
        for (; end < line.length(); end++) {
          if (line.charAt(end) == '(') {
            depth++;
          } else if (line.charAt(end) == ')' && --depth == 0) {
            break;
          }
        }
        split(line.substring(i + 2, Math.min(end, line.length())), commands);
        current.append("SUBSTITUTED");
        i = end;
        continue;
      }
      if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
      } else if (quote == c) {
        quote = 0;
      } else if (quote == 0 && (c == '|' || c == ';' || (c == '&' && next(line, i) == '&'))) {
        add(current, commands);
        if (c == '&' || (c == '|' && next(line, i) == '|')) {
          i++;
        }
        continue;
      }
      current.append(c);
    }
    add(current, commands);
  }

  private static char next(String line, int i) {
    return i + 1 < line.length() ? line.charAt(i + 1) : 0;
  }

  private static void add(StringBuilder command, List<String> commands) {
    String text = command.toString().strip();
    if (!text.isEmpty()) {
      commands.add(text);
    }
    command.setLength(0);
  }

  /** The words of one command: quotes removed, backslash escapes applied, redirections dropped. */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == 0 && c == '\\' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
        inWord = true;
      } else if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
        inWord = true;
      } else if (quote != 0 && c == quote) {
        quote = 0;
      } else if (quote == 0 && Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals(">") || w.equals(">>") || w.equals("<")) {
        i++; // and its file
      } else if (!w.matches("\\d?>>?.*|<.*")) {
        kept.add(w);
      }
    }
    return kept;
  }

  /** Null when the command is fine, else what is wrong with it. */
  String checkCommand(String command) {
    if (command.matches("(?s)(.*\\s)?\\[-.*")) {
      return "[optional] parts are a synopsis, not a command line: write the command out";
    }
    List<String> words = words(command);
    if (words.isEmpty()) {
      return null;
    }
    String program = words.get(0);
    List<String> args = words.subList(1, words.size());
    if (UNCHECKED.contains(program)) {
      return null;
    }
    switch (program) {
      case "keybridge":
        return keybridge(args);
      case "java":
        return java(args);
      case "mvn":
        return maven(args);
      case "jarsigner":
        return toolOptions(args, help("jarsigner", List.of(JdkTools.jarsigner(), "-help")));
      case "keytool":
        return keytool(args);
      case "openssl":
        if (args.isEmpty()) {
          return "openssl without a command";
        }
        return toolOptions(
            args.subList(1, args.size()),
            help("openssl " + args.get(0), List.of("openssl", args.get(0), "-help")));
      case "curl":
        return toolOptions(args, help("curl", List.of("curl", "--help", "all")));
      default:
        return "unknown command '"
            + program
            + "' (see ShellCommands for the commands a doc may use)";
    }
  }

  private String keybridge(List<String> args) {
    if (cli == null) {
      PrintWriter sink = new PrintWriter(new StringWriter());
      cli = Main.newCommandLine(sink, sink, false);
    }
    try {
      cli.parseArgs(args.toArray(String[]::new)); // picocli resets every option before a parse
      return null;
    } catch (CommandLine.ParameterException e) {
      return "keybridge does not accept it: " + e.getMessage();
    }
  }

  private String java(List<String> args) {
    if (args.size() >= 2 && args.get(0).equals("-jar")) {
      if (!args.get(1).endsWith("keybridge.jar")) {
        return "java -jar of a jar other than keybridge.jar";
      }
      return keybridge(args.subList(2, args.size()));
    }
    if (args.size() >= 3 && (args.get(0).equals("-cp") || args.get(0).equals("-classpath"))) {
      try {
        Class.forName(args.get(2), false, ShellCommands.class.getClassLoader());
        return null;
      } catch (ClassNotFoundException e) {
        return "no class " + args.get(2);
      }
    }
    return "java must be -jar .../keybridge.jar or -cp CLASSPATH CLASS";
  }

  private static String maven(List<String> args) {
    for (String arg : args) {
      if (arg.startsWith("-D")) {
        continue;
      }
      if (!MAVEN_OPTIONS.contains(arg) && !MAVEN_PHASES.contains(arg)) {
        return "mvn option or phase not among those the docs use: " + arg;
      }
    }
    return null;
  }

  private static String keytool(List<String> args) {
    String command =
        args.stream()
            .filter(a -> a.startsWith("-") && !a.startsWith("-J"))
            .findFirst()
            .orElse(null);
    if (command == null) {
      return "keytool without a command";
    }
    String help = help("keytool " + command, List.of(JdkTools.keytool(), command, "-help"));
    if (!help.contains("Options:")) {
      return "keytool has no command " + command;
    }
    return toolOptions(
        args.subList(args.indexOf(command) + 1, args.size()), help.toLowerCase(Locale.ROOT), true);
  }

  /** The first option the help text does not list, or null. */
  private static String toolOptions(List<String> args, String help) {
    return toolOptions(args, help, false);
  }

  /** As above; keytool's options are case-insensitive (its help lists -providerclass). */
  private static String toolOptions(List<String> args, String help, boolean caseInsensitive) {
    for (String arg : args) {
      if (!arg.startsWith("-") || arg.startsWith("-J") || arg.equals("-")) {
        continue;
      }
      String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (!arg.startsWith("--") && arg.length() > 2 && help.contains("-" + arg.charAt(1) + ", ")) {
        // combined short options (curl -sS)
        for (char c : arg.substring(1).toCharArray()) {
          if (!help.contains("-" + c + ", ")) {
            return "unknown option -" + c + " in " + arg;
          }
        }
        continue;
      }
      if (!listedOptions(help)
          .contains(caseInsensitive ? option.toLowerCase(Locale.ROOT) : option)) {
        return "unknown option " + option;
      }
    }
    return null;
  }

  private static Set<String> listedOptions(String help) {
    Set<String> options = new java.util.HashSet<>();
    Matcher m = OPTION.matcher(help);
    while (m.find()) {
      options.add(m.group(1));
    }
    return options;
  }

  /** The tool's help text (stdout and stderr), run once per tool and command. */
  private static String help(String key, List<String> command) {
    return HELP_TEXTS.computeIfAbsent(
        key,
        k -> {
          try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String text =
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return text;
          } catch (IOException e) {
            return "";
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
          }
        });
  }
}
