package dev.albc.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded input (issue 14, item 1): every named limit of {@link InputLimits} accepted at its value
 * and refused just past it, with a message naming the file and the limit (docs/limits.md); hostile
 * files (a "billion laughs", nesting through aliases, /dev/zero, bytes that are not UTF-8, a NUL)
 * refused with where they are.
 */
class InputLimitsTest {
  /** Parses one text as a file named {@code name}; null when it reads, else the refusal's message. */
  static String refusal(String name, String text) {
    Throwable t = catchThrowable(() -> Documents.parse(new InputText(name, text)));
    if (t == null) {
      return null;
    }
    assertThat(t).isInstanceOf(InputException.class);
    return t.getMessage();
  }

  static String refusal(Path file) {
    Throwable t = catchThrowable(() -> Documents.parse(InputText.readFile(file)));
    if (t == null) {
      return null;
    }
    assertThat(t).isInstanceOf(InputException.class);
    return t.getMessage();
  }

  @Test
  void bytesPerFile(@TempDir Path dir) throws IOException {
    byte[] at = ("#" + "x".repeat(InputLimits.FILE_BYTES - 2) + "\n").getBytes(StandardCharsets.US_ASCII);
    // a comment line longer than the line limit would be refused first: break it up
    for (int i = 1000; i < at.length - 1; i += 1000) {
      at[i] = '\n';
      at[i + 1] = '#';
    }
    Path f = Files.write(dir.resolve("big.yaml"), at);
    assertThat(Files.size(f)).isEqualTo(InputLimits.FILE_BYTES);
    assertThat(refusal(f)).isNull();
    Files.write(f, new byte[] {' '}, java.nio.file.StandardOpenOption.APPEND);
    assertThat(refusal(f)).isEqualTo(f + ": the file is past the limit of 8,388,608 bytes per file (docs/limits.md)");
  }

  /** A JSON document of exactly {@code chars} characters: an object of scalars of at most 1 MiB. */
  static String jsonOf(int chars) {
    StringBuilder sb = new StringBuilder("{");
    int k = 0;
    while (true) {
      String head = (k == 0 ? "" : ",") + "\"k" + k + "\":\"";
      int rest = chars - sb.length() - head.length() - 2; // the closing quote and brace
      int n = Math.min(rest, InputLimits.SCALAR_CHARS);
      sb.append(head).append("x".repeat(n)).append('"');
      k++;
      if (n == rest) {
        break;
      }
    }
    return sb.append('}').toString();
  }

  @Test
  void charactersPerDocument() {
    String at = jsonOf(InputLimits.DOCUMENT_CHARS);
    assertThat(at).hasSize(InputLimits.DOCUMENT_CHARS);
    assertThat(refusal("a.json", at + "\n" + at)).isNull();
    assertThat(refusal("a.json", "{}\n" + jsonOf(InputLimits.DOCUMENT_CHARS + 1)))
        .isEqualTo("a.json document 2 (line 2): the document is past the limit of 3,145,728 characters per document"
            + " (docs/limits.md)");
  }

  @Test
  void charactersPerScalar() {
    String at = "{\"a\":\"" + "x".repeat(InputLimits.SCALAR_CHARS) + "\"}";
    assertThat(refusal("a.json", at)).isNull();
    String past = "{\"a\":\"" + "x".repeat(InputLimits.SCALAR_CHARS + 1) + "\"}";
    assertThat(refusal("a.json", past))
        .isEqualTo("a.json document 1: at line 1: a scalar is past the limit of 1,048,576 characters per scalar"
            + " (docs/limits.md)");
    // a folded YAML scalar over many short lines
    String folded = "a: >\n" + ("  " + "x".repeat(1023) + "\n").repeat(1025);
    assertThat(refusal("a.yaml", folded)).contains("has a scalar longer than the limit: past the limit of 1,048,576 characters per scalar");
  }

  @Test
  void charactersPerLineOfYamlAreCheckedBeforeTheScanner() {
    String at = "a: " + "x".repeat(InputLimits.SCALAR_CHARS - 3) + "\n";
    assertThat(refusal("a.yaml", at)).isNull();
    // five times the limit is refused at once (the scanner would take minutes)
    String past = "b: 1\na: " + "x".repeat(5 * InputLimits.SCALAR_CHARS) + "\n";
    assertThat(refusal("a.yaml", past))
        .isEqualTo("a.yaml line 2: the line is past the limit of 1,048,576 characters per scalar and per line of"
            + " YAML (docs/limits.md)");
    assertThat(refusal("a.yaml", "a: " + "x".repeat(InputLimits.SCALAR_CHARS - 2) + "\n"))
        .contains("line 1: the line is past the limit");
  }

  static String aliases(int n) {
    return "a: &a [x]\nb: [" + "*a, ".repeat(n - 1) + "*a]\n";
  }

  @Test
  void aliasesPerDocument() {
    assertThat(refusal("a.yaml", aliases(InputLimits.ALIASES_PER_DOCUMENT))).isNull();
    assertThat(refusal("a.yaml", aliases(InputLimits.ALIASES_PER_DOCUMENT + 1)))
        .isEqualTo("a.yaml document 1 at line 2: the document has more aliases than the limit: past the limit of"
            + " 100 aliases per document (docs/limits.md)");
    // the limit is per document
    assertThat(refusal("a.yaml", aliases(60) + "---\n" + aliases(60))).isNull();
  }

  /** A document of exactly {@code n} nodes: 10,000 under an anchor, 98 aliases to it, and scalars. */
  static String nodes(int n) {
    String anchor = "a: &a [" + "1, ".repeat(9998) + "1]\n";
    String copies = "b: [" + "*a, ".repeat(97) + "*a]\n";
    int pad = n - 1 - 10_000 - 1 - 98 * 10_000 - 1;
    return anchor + copies + "c: [" + "1, ".repeat(pad - 1) + "1]\n";
  }

  @Test
  void nodesPerDocumentAliasesExpanded() {
    assertThat(refusal("a.yaml", nodes(InputLimits.NODES_PER_DOCUMENT))).isNull();
    assertThat(refusal("a.yaml", nodes(InputLimits.NODES_PER_DOCUMENT + 1)))
        .contains("a.yaml document 1 at line 3: the document has more nodes (aliases expanded) than the limit:"
            + " past the limit of 1,000,000 nodes per document");
  }

  @Test
  void aBillionLaughsIsRefusedQuickly() {
    StringBuilder sb = new StringBuilder("kind: ConfigMap\ndata:\n  a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
    String prev = "a";
    for (char c = 'b'; c <= 'i'; c++) {
      sb.append("  ").append(c).append(": &").append(c).append(" [").append(("*" + prev + ",").repeat(8))
          .append('*').append(prev).append("]\n");
      prev = String.valueOf(c);
    }
    assertThat(sb.length()).isLessThan(600);
    assertThat(refusal("laughs.yaml", sb.toString())).contains("past the limit of 1,000,000 nodes per document");
  }

  static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void nestingDepth() {
    assertThat(refusal("a.yaml", nested(InputLimits.NESTING_DEPTH))).isNull();
    assertThat(refusal("a.json", nested(InputLimits.NESTING_DEPTH))).isNull();
    assertThat(refusal("a.yaml", nested(InputLimits.NESTING_DEPTH + 1)))
        .contains("past the limit of 100 levels of nesting (docs/limits.md)").doesNotContain("StreamReadConstraints");
    assertThat(refusal("a.json", nested(InputLimits.NESTING_DEPTH + 1)))
        .contains("past the limit of 100 levels of nesting (docs/limits.md)").doesNotContain("StreamReadConstraints");
  }

  @Test
  void nestingBuiltThroughAliasesCountsTheExpandedDepth() {
    // 49 levels under an anchor at depth 2, used under 50 more levels: 100 in all, then 101
    String at = "a: &a " + nested(49) + "\nb: " + "[".repeat(50) + "*a" + "]".repeat(50) + "\n";
    assertThat(refusal("a.yaml", at)).isNull();
    String past = "a: &a " + nested(49) + "\nb: " + "[".repeat(51) + "*a" + "]".repeat(51) + "\n";
    assertThat(refusal("a.yaml", past)).contains("nests mappings and sequences too deep (aliases expanded)")
        .contains("100 levels of nesting");
    // a chain of anchors, each one nesting the one before: depth grows without a deep text
    StringBuilder chain = new StringBuilder("a0: &a0 [x]\n");
    for (int i = 1; i < 100; i++) {
      chain.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append("]\n");
    }
    assertThat(refusal("a.yaml", chain.toString())).contains("100 levels of nesting");
  }

  @Test
  void notRegularFilesAreNotRead(@TempDir Path dir) {
    assertThat(refusal(Path.of("/dev/zero"))).isEqualTo("/dev/zero: not a regular file (devices, pipes and sockets are not read)");
    assertThat(refusal(dir.resolve("none.yaml"))).endsWith("none.yaml: no such file or folder");
  }

  @Test
  void bytesThatAreNotUtf8AreNamedWithTheirOffsetAndLine(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("latin1.yaml"), "a: 1\nb: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(refusal(f)).isEqualTo(f + ": not UTF-8 text: byte 0xE9 at byte offset 11 (line 2) is not UTF-8;"
        + " save the file as UTF-8");
  }

  @Test
  void aNulIsReportedAtItsLine(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("nul.yaml"), "a: 1\n".repeat(6) + "b: x\0y\n");
    assertThat(refusal(f)).isEqualTo(f + ": a NUL character at line 7, column 5: not a text file");
  }

  @Test
  void caseFilesAndRuleFilesHaveLimitsToo(@TempDir Path dir) throws IOException {
    Path drl = Files.writeString(dir.resolve("big.drl"), "//" + "x".repeat(InputLimits.RULE_FILE_BYTES));
    Throwable t = catchThrowable(() -> dev.albc.rules.UserRules.sources(List.of(dir)));
    assertThat(t).hasMessage(drl + ": the file is past the limit of 1,048,576 bytes per rule file (docs/limits.md)");
    Files.writeString(drl, "//" + "x".repeat(InputLimits.RULE_FILE_BYTES - 2));
    assertThat(dev.albc.rules.UserRules.sources(List.of(dir))).hasSize(1);
    Path c = Files.writeString(dir.resolve("x.test.yaml"), "cases:\n  - name: a\n   given: {}\n");
    t = catchThrowable(() -> Documents.readSingle(c));
    assertThat(t).hasMessageContaining("x.test.yaml document 1: invalid YAML at line 3");
  }
}
