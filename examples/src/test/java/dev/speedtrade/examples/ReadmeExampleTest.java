package dev.speedtrade.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the README's embedding example compiled and running: it must be QuickStart's main body. */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path QUICK_START =
      Path.of("src", "main", "java", "dev", "speedtrade", "examples", "QuickStart.java");

  @Test
  void readmeShowsExactlyTheBodyOfQuickStart() throws IOException {
    String readme = Files.readString(README);
    int embedding = readme.indexOf("## Embedding");
    int start = readme.indexOf("```java\n", embedding) + "```java\n".length();
    int end = readme.indexOf("```", start);
    List<String> readmeLines =
        readme.substring(start, end).strip().lines().map(String::strip).toList();

    String source = Files.readString(QUICK_START);
    int bodyStart =
        source.indexOf("public static void main(String[] args) {")
            + "public static void main(String[] args) {".length();
    int bodyEnd = source.lastIndexOf("}", source.lastIndexOf("}") - 1);
    List<String> bodyLines =
        source.substring(bodyStart, bodyEnd).strip().lines().map(String::strip).toList();

    assertThat(readmeLines).isEqualTo(bodyLines);
    assertThat(readmeLines.size()).isBetween(8, 22);
  }

  @Test
  void quickStartBuysTenSharesAndReportsTheAccount() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("FILLED 10 AAPL at 229.87", "cash 97701.30 USD, equity 100000.00 USD");
  }
}
