package dev.keybridge.examples.docs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles the {@code java} blocks of the docs, all of them in one javac task against the test
 * class path (every keybridge module and its dependencies).
 *
 * <p>The rule (also at the top of {@code docs/README.md}): a block is a list of statements. Its
 * {@code import} lines are hoisted; the statements become the body of {@code static void
 * snippet(...) throws Exception} of a class of its own. A first line {@code // given: Type name,
 * Type name} declares the variables the block uses without making them (they become the method's
 * parameters). {@link #IMPLICIT_IMPORTS} are imported in every block; keybridge's own classes must
 * be imported by the block.
 */
final class JavaSnippets {
  static final List<String> IMPLICIT_IMPORTS =
      List.of(
          "java.io.*",
          "java.nio.charset.StandardCharsets",
          "java.nio.file.*",
          "java.security.*",
          "java.security.cert.X509Certificate",
          "java.time.*",
          "java.util.*",
          "javax.crypto.*",
          "javax.net.ssl.*");

  private static final String GIVEN = "// given:";

  private JavaSnippets() {}

  /** Problems of the blocks as {@code file:line: message}; empty when every block compiles. */
  static List<String> compile(List<DocBlock> blocks) throws IOException {
    List<Source> sources = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      sources.add(Source.of(blocks.get(i), "Snippet" + i));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory("doc-snippets");
    try {
      List<String> options =
          List.of("-proc:none", "-nowarn", "-classpath", classPath(), "-d", out.toString());
      javac.getTask(null, null, diagnostics, options, null, sources).call();
    } finally {
      try (var files = Files.walk(out)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    List<String> problems = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      Source source = (Source) d.getSource();
      String where =
          source == null
              ? "javac"
              : source.block.file().getFileName() + ":" + source.docLine(d.getLineNumber());
      problems.add(where + ": " + d.getMessage(Locale.ROOT));
    }
    return problems;
  }

  /** Surefire may start the test JVM through a manifest-only jar; javac needs the real path. */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  /** One generated compilation unit, remembering the doc line of each of its lines. */
  private static final class Source extends SimpleJavaFileObject {
    final DocBlock block;
    final String code;
    final List<Integer> docLines;

    private Source(DocBlock block, String className, String code, List<Integer> docLines) {
      super(URI.create("string:///docs/" + className + ".java"), Kind.SOURCE);
      this.block = block;
      this.code = code;
      this.docLines = docLines;
    }

    static Source of(DocBlock block, String className) {
      List<String> lines = block.lines();
      StringBuilder code = new StringBuilder("package docs;\n");
      List<Integer> docLines = new ArrayList<>(List.of(block.line()));
      for (String implicit : IMPLICIT_IMPORTS) {
        code.append("import ").append(implicit).append(";\n");
        docLines.add(block.line());
      }
      String parameters = "";
      List<Integer> bodyLines = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        int docLine = block.line() + 1 + i;
        if (line.startsWith("import ")) {
          code.append(line).append('\n');
          docLines.add(docLine);
        } else if (line.startsWith(GIVEN) && bodyLines.isEmpty()) {
          parameters = line.substring(GIVEN.length()).strip();
        } else {
          bodyLines.add(i);
        }
      }
      code.append("class ")
          .append(className)
          .append(" { static void snippet(")
          .append(parameters)
          .append(") throws Exception {\n");
      docLines.add(block.line() + 1);
      for (int i : bodyLines) {
        code.append(lines.get(i)).append('\n');
        docLines.add(block.line() + 1 + i);
      }
      code.append("}}\n");
      docLines.add(block.line() + lines.size());
      return new Source(block, className, code.toString(), docLines);
    }

    long docLine(long generatedLine) {
      int index = (int) generatedLine - 1;
      return index >= 0 && index < docLines.size() ? docLines.get(index) : block.line();
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
