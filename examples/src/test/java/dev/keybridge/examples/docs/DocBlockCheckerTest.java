package dev.keybridge.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The docs checker fails on broken blocks of every kind, naming the doc line. */
class DocBlockCheckerTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path DOC = ROOT.resolve("docs/broken.md");

  private static List<String> problems(String... markdown) throws IOException {
    return new DocBlockChecker(ROOT).check(DocBlock.parse(DOC, List.of(markdown)));
  }

  @Test
  void goodBlocksOfEveryKindPass() throws IOException {
    assertThat(
            problems(
                "```java",
                "// given: byte[] data",
                "import dev.keybridge.provider.KeyBridgeProvider;",
                "Provider keybridge = new KeyBridgeProvider();",
                "int n = data.length;",
                "```",
                "```properties",
                "keybridge.vault.url=https://myvault.vault.azure.net",
                "keybridge.http.timeout=10s",
                "```",
                "```shell",
                "$ keybridge keys list --config ./vault/keybridge.properties \\",
                "    --json   # a comment",
                "java -jar cli/target/keybridge.jar keys create k1 --type ec --curve P-384",
                "curl -sS --cacert ca.pem -H \"Authorization: Bearer $(keybridge token -c f)\" https://x/",
                "mvn -B -q -DskipTests package && java -jar cli/target/keybridge.jar demo",
                "```",
                "```json",
                "{\"a\":1}",
                "{\"b\":[2]}",
                "```",
                "```xml",
                "<a/><b>c</b>",
                "```"))
        .isEmpty();
  }

  @Test
  void aJavaBlockThatDoesNotCompileFailsAtItsLine() throws IOException {
    assertThat(problems("text", "```java", "int n = 1;", "String s = n;", "```"))
        .singleElement()
        .asString()
        .startsWith("broken.md:4: ")
        .contains("incompatible types");
  }

  @Test
  void unknownCommandsOptionsAndToolsFail() throws IOException {
    assertThat(problems("```shell", "keybridge kyes list", "```"))
        .singleElement()
        .asString()
        .startsWith("broken.md:1: keybridge does not accept it")
        .contains("kyes");
    assertThat(problems("```shell", "java -jar cli/target/keybridge.jar keys list --jsn", "```"))
        .singleElement()
        .asString()
        .contains("--jsn");
    assertThat(problems("```shell", "keybridge serve --data DIR --port N", "```"))
        .singleElement()
        .asString()
        .contains("'N'");
    assertThat(problems("```shell", "keybridge serve --data DIR [--port 1]", "```"))
        .singleElement()
        .asString()
        .contains("[optional] parts are a synopsis");
    assertThat(problems("```shell", "mvn -B verfy", "```"))
        .singleElement()
        .asString()
        .contains("verfy");
    assertThat(problems("```shell", "rm -rf /", "```"))
        .singleElement()
        .asString()
        .contains("unknown command 'rm'");
    assertThat(problems("```shell", "java -cp x.jar dev.keybridge.examples.NoSuchExample", "```"))
        .singleElement()
        .asString()
        .contains("no class dev.keybridge.examples.NoSuchExample");
  }

  @Test
  void toolOptionsAreCheckedAgainstTheToolsOwnHelp() throws IOException {
    assertThat(
            problems(
                "```shell",
                "jarsigner -J-cp -Jx.jar -keystore NONE -storetype AzureKeyVault -sigalg"
                    + " RSASSA-PSS app.jar alias",
                "keytool -list -v -keystore NONE -storetype AzureKeyVault -storepass none",
                "```"))
        .isEmpty();
    assertThat(problems("```shell", "jarsigner -keystre NONE app.jar alias", "```"))
        .singleElement()
        .asString()
        .contains("unknown option -keystre");
    assertThat(problems("```shell", "keytool -list -provderClass X", "```"))
        .singleElement()
        .asString()
        .contains("unknown option -provderClass");
    assertThat(problems("```shell", "curl --cacrt ca.pem https://localhost/", "```"))
        .singleElement()
        .asString()
        .contains("unknown option --cacrt");
    assertThat(problems("```shell", "openssl s_client -conect 127.0.0.1:1", "```"))
        .singleElement()
        .asString()
        .contains("unknown option -conect");
  }

  @Test
  void anUnknownPropertyFails() throws IOException {
    assertThat(
            problems(
                "```properties",
                "keybridge.vault.url=https://myvault.vault.azure.net",
                "keybridge.http.max-conections=4",
                "```"))
        .singleElement()
        .asString()
        .contains("keybridge.http.max-conections: unknown property");
  }

  @Test
  void blocksOfUnknownKindAndUnproducedOutputFail() throws IOException {
    assertThat(problems("```", "anything", "```"))
        .singleElement()
        .asString()
        .contains("unknown kind ''");
    assertThat(problems("```console", "$ ls", "```"))
        .singleElement()
        .asString()
        .contains("'console'");
    assertThat(problems("```text", "some output", "```"))
        .singleElement()
        .asString()
        .contains("must name the test that produces it");
    assertThat(problems("```text produced-by=NoSuchTest", "x", "```"))
        .singleElement()
        .asString()
        .contains("no test NoSuchTest");
    assertThat(problems("```text produced-by=JwsExampleTest", "x", "```"))
        .singleElement()
        .asString()
        .contains("JwsExampleTest does not read docs/broken.md");
    assertThat(problems("```json", "{\"a\":", "```"))
        .singleElement()
        .asString()
        .contains("not JSON");
    assertThat(problems("```xml", "<a><b></a>", "```"))
        .singleElement()
        .asString()
        .contains("not well-formed XML");
  }

  @Test
  void aHelpBlockMustEqualTheCommandsHelp() throws IOException {
    assertThat(problems("```help keybridge random", "Usage: keybridge random [-hV]", "```"))
        .singleElement()
        .asString()
        .contains("differs from the output of keybridge random --help, which is now:")
        .contains("Usage: keybridge random");
  }
}
