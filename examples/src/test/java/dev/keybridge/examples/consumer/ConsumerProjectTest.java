package dev.keybridge.examples.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keybridge.examples.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/consumer} is a project of a keybridge user: it imports {@code keybridge-bom},
 * depends on {@code keybridge-provider} and tests with {@code keybridge-localvault-junit}. This
 * test installs the packaged keybridge artifacts into a PRIVATE local repository under {@code
 * target/} (never {@code ~/.m2}), whose third-party folders are links to the build's repository
 * (read only, offline), then runs {@code mvn -o test} on a copy of the project as a child process.
 */
class ConsumerProjectTest {
  private static final List<String> JARS =
      List.of("localvault", "management", "keystore", "provider", "localvault-junit");

  @Test
  void aProjectOfYourOwnBuildsAndPassesItsTestWithTheLocalVault() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    String version = System.getProperty("keybridge.version");
    Path buildRepository = Path.of(System.getProperty("keybridge.maven.repository"));
    assertThat(version).isNotBlank();
    assertThat(buildRepository).isDirectory();

    Path repository = fresh(Path.of("target", "consumer-repository").toAbsolutePath());
    linkThirdParty(buildRepository, repository);
    Path group = repository.resolve("dev/keybridge");
    install(group, "keybridge-parent", version, root.resolve("pom.xml"), null);
    install(group, "keybridge-bom", version, root.resolve("bom/pom.xml"), null);
    for (String module : JARS) {
      String artifact = "keybridge-" + module;
      Path jar = root.resolve(module + "/target/" + artifact + "-" + version + ".jar");
      assertThat(jar).as("packaged by the reactor before this module's tests").isRegularFile();
      install(group, artifact, version, root.resolve(module + "/pom.xml"), jar);
    }

    Path project = fresh(Path.of("target", "consumer-project").toAbsolutePath());
    copy(root.resolve("examples/consumer"), project);
    ChildProcess.Result build =
        ChildProcess.run(
            List.of(
                "mvn",
                "-B",
                "-o",
                "-q",
                "-Dmaven.repo.local=" + repository,
                "-Dkeybridge.version=" + version,
                "test"),
            project,
            null,
            600);
    assertThat(build.exitCode()).as(build.toString()).isZero();
    Path report = project.resolve("target/surefire-reports/com.example.SigningTest.txt");
    assertThat(Files.readString(report))
        .contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0");
    assertThat(buildRepository.resolve("dev/keybridge/keybridge-localvault-junit"))
        .as("nothing installed into the build's repository")
        .doesNotExist();
  }

  /** The README's "Use it from your project" code is the consumer test's, line for line. */
  @Test
  void theReadmeShowsTheCodeThatIsCompiledAndRun() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    String test =
        Files.readString(
            root.resolve("examples/consumer/src/test/java/com/example/SigningTest.java"));
    String snippet =
        test.substring(
            test.indexOf("// README:begin\n") + "// README:begin\n".length(),
            test.indexOf("    // README:end"));
    String dedented = snippet.replaceAll("(?m)^    ", "");
    assertThat(dedented.lines().count()).isGreaterThan(15);
    assertThat(Files.readString(root.resolve("README.md"))).contains(dedented);
  }

  /**
   * Every top-level folder of the build's repository as a link, except {@code dev/keybridge}, which
   * is a real folder of its own.
   */
  private static void linkThirdParty(Path from, Path to) throws IOException {
    try (Stream<Path> top = Files.list(from)) {
      for (Path entry : top.toList()) {
        if (entry.getFileName().toString().equals("dev")) {
          Path dev = Files.createDirectories(to.resolve("dev"));
          try (Stream<Path> groups = Files.list(entry)) {
            for (Path g : groups.toList()) {
              if (!g.getFileName().toString().equals("keybridge")) {
                Files.createSymbolicLink(dev.resolve(g.getFileName().toString()), g);
              }
            }
          }
        } else {
          Files.createSymbolicLink(to.resolve(entry.getFileName().toString()), entry);
        }
      }
    }
    Files.createDirectories(to.resolve("dev/keybridge"));
  }

  /** What {@code mvn install} leaves: {@code GROUP/ARTIFACT/VERSION/ARTIFACT-VERSION.pom|jar}. */
  private static void install(Path group, String artifact, String version, Path pom, Path jar)
      throws IOException {
    Path folder = Files.createDirectories(group.resolve(artifact).resolve(version));
    Files.copy(pom, folder.resolve(artifact + "-" + version + ".pom"));
    if (jar != null) {
      Files.copy(jar, folder.resolve(artifact + "-" + version + ".jar"));
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.startsWith(from.resolve("target"))) {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static Path fresh(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path); // a link is deleted, never what it points to
        }
      }
    }
    return Files.createDirectories(folder);
  }
}
