package dev.albc.sources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.JacksonYAMLParseException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Splits a text into its documents (YAML documents, or consecutive JSON values) and builds a Jackson
 * tree of each. YAML anchors, aliases and merge keys ({@code <<}) are resolved, duplicate keys are
 * rejected, and scalars are typed as YAML 1.1 does (as Kubernetes' YAML reader does). An empty
 * document gives a null node, so document numbers match the text.
 */
public final class Documents {
  private Documents() {}

  /**
   * Reads a file that holds one YAML document (a case file of test-rules) within {@link
   * InputLimits}; null when it is empty.
   *
   * @throws InputException naming the file, the line and the problem
   */
  public static JsonNode readSingle(java.nio.file.Path file) {
    InputText in = InputText.readFile(file);
    List<Doc> docs = parse(in);
    if (docs.size() > 1) {
      throw new InputException(file + " line " + docs.get(1).line() + ": a second document; the file must hold one");
    }
    return docs.isEmpty() ? null : docs.get(0).node();
  }

  /** One document: its 1-based index in the text, its first line and its tree (null when empty). */
  record Doc(int index, int line, JsonNode node) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Jackson's own limits, set to albc's (docs/limits.md); albc counts aliases and nodes itself. */
  private static final StreamReadConstraints CONSTRAINTS = InputLimits.jackson(InputLimits.FILE_BYTES);

  private static LoaderOptions loaderOptions() {
    LoaderOptions o = new LoaderOptions();
    o.setMaxAliasesForCollections(InputLimits.ALIASES_PER_DOCUMENT);
    o.setAllowRecursiveKeys(false);
    o.setNestingDepthLimit(InputLimits.NESTING_DEPTH);
    o.setCodePointLimit(InputLimits.FILE_BYTES);
    return o;
  }

  private static final YAMLFactory YAML = YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .loaderOptions(loaderOptions())
      .streamReadConstraints(CONSTRAINTS)
      .build();

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(CONSTRAINTS)
      .build();

  /** What one document has used of the limits, and its anchors with their size and depth. */
  private static final class Budget {
    final String where;
    final Map<String, Anchored> anchors = new HashMap<>();
    int aliases;
    int nodes;
    int deepest;

    Budget(String where) {
      this.where = where;
    }

    void node(JsonParser p, int depth) {
      if (++nodes > InputLimits.NODES_PER_DOCUMENT) {
        throw refused(p, "has more nodes (aliases expanded) than the limit", InputLimits.limit(
            "nodes per document", InputLimits.NODES_PER_DOCUMENT));
      }
      if (depth > InputLimits.NESTING_DEPTH) {
        throw refused(p, "nests mappings and sequences too deep (aliases expanded)",
            InputLimits.limit("levels of nesting", InputLimits.NESTING_DEPTH));
      }
      deepest = Math.max(deepest, depth);
    }

    InputException refused(JsonParser p, String what, String limit) {
      return new InputException(where + " at line " + p.currentTokenLocation().getLineNr() + ": the document "
          + what + ": " + limit);
    }
  }

  /** An anchored node, the nodes it holds and its depth (1 for a scalar). */
  private record Anchored(JsonNode node, int nodes, int depth) {}

  static List<Doc> parse(InputText in) {
    checkSize(in);
    List<Doc> docs = new ArrayList<>();
    int current = 1;
    JsonParser p;
    try {
      p = in.isJson() ? JSON.createParser(in.text()) : YAML.createParser(in.text());
    } catch (IOException e) {
      throw new InputException(in.origin() + ": cannot read: " + firstLine(e.getMessage()), e);
    }
    try (p) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = p.currentTokenLocation().getLineNr();
        long start = p.currentTokenLocation().getCharOffset();
        JsonNode n = value(p, t, new Budget(in.origin() + " document " + current), 1);
        long end = p.currentLocation().getCharOffset();
        if (start >= 0 && end - start > InputLimits.DOCUMENT_CHARS) {
          throw new InputException(in.origin() + " document " + current + " (line " + line + "): the document is "
              + InputLimits.limit("characters per document", InputLimits.DOCUMENT_CHARS));
        }
        // an empty or comment-only document reads as null or as an empty plain scalar
        boolean empty = n.isNull() || (n.isTextual() && n.asText().isEmpty());
        docs.add(new Doc(current, line, empty ? null : n));
        current++;
      }
    } catch (InputException e) {
      throw e;
    } catch (StreamConstraintsException e) {
      throw new InputException(in.origin() + " document " + current + ": " + constraint(e, p), e);
    } catch (JacksonYAMLParseException e) {
      throw new InputException(in.origin() + " document " + current + ": invalid YAML" + yamlProblem(e), e);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String at = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new InputException(
          in.origin() + " document " + current + ": invalid " + (in.isJson() ? "JSON" : "YAML") + at
              + ": " + firstLine(e.getOriginalMessage()),
          e);
    } catch (IOException | RuntimeException e) {
      throw new InputException(
          in.origin() + " document " + current + ": cannot read: " + firstLine(e.getMessage()), e);
    }
    return docs;
  }

  /**
   * The tree of the value starting at token {@code t}, at nesting {@code depth} (1 at the top); every
   * node, and every node an alias copies, counts against the document's {@link Budget}.
   */
  private static JsonNode value(JsonParser p, JsonToken t, Budget b, int depth)
      throws IOException {
    String anchor = p instanceof YAMLParser ? ((YAMLParser) p).getCurrentAnchor() : null;
    if (p instanceof YAMLParser y && t == JsonToken.VALUE_STRING && y.isCurrentAlias()) {
      return alias(p, b, depth);
    }
    int nodesBefore = b.nodes;
    int deepestBefore = b.deepest;
    b.deepest = depth;
    b.node(p, depth);
    JsonNode n;
    switch (t) {
      case START_OBJECT -> n = object(p, b, depth);
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        JsonToken c;
        while ((c = p.nextToken()) != JsonToken.END_ARRAY) {
          a.add(value(p, c, b, depth + 1));
        }
        n = a;
      }
      case VALUE_STRING -> n = NODES.textNode(scalar(p, b));
      case VALUE_NUMBER_INT -> n =
          switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> n = floatNode(p);
      case VALUE_TRUE -> n = NODES.booleanNode(true);
      case VALUE_FALSE -> n = NODES.booleanNode(false);
      case VALUE_NULL -> n = NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT -> {
        Object o = p.getEmbeddedObject();
        n = o instanceof byte[] bytes ? NODES.binaryNode(bytes) : NODES.textNode(String.valueOf(o));
      }
      default -> throw new JsonParseExceptionAt(p, "unexpected " + t);
    }
    if (anchor != null) {
      b.anchors.put(anchor, new Anchored(n, b.nodes - nodesBefore, b.deepest - depth + 1));
    }
    b.deepest = Math.max(deepestBefore, b.deepest);
    return n;
  }

  /** The text of a scalar or key within {@link InputLimits#SCALAR_CHARS} (YAML's parser does not check it). */
  private static String scalar(JsonParser p, Budget b) throws IOException {
    String text = p.getText();
    if (text.length() > InputLimits.SCALAR_CHARS) {
      throw b.refused(p, "has a scalar longer than the limit",
          InputLimits.limit("characters per scalar", InputLimits.SCALAR_CHARS));
    }
    return text;
  }

  /** An alias: a copy of its anchor's tree, counted against the aliases, nodes and depth of the document. */
  private static JsonNode alias(JsonParser p, Budget b, int depth) throws IOException {
    Anchored target = b.anchors.get(p.getText());
    if (target == null) {
      throw new JsonParseExceptionAt(p, "unknown alias *" + p.getText());
    }
    if (++b.aliases > InputLimits.ALIASES_PER_DOCUMENT) {
      throw b.refused(p, "has more aliases than the limit",
          InputLimits.limit("aliases per document", InputLimits.ALIASES_PER_DOCUMENT));
    }
    b.nodes += target.nodes() - 1;
    b.node(p, depth + target.depth() - 1);
    return target.node().deepCopy();
  }

  /**
   * A Jackson stream limit as albc's named limit (docs/limits.md), without Jackson's names; also
   * for the admission webhooks' request bodies ({@code p} may be null).
   */
  public static String constraint(StreamConstraintsException e, JsonParser p) {
    String m = String.valueOf(e.getMessage());
    var loc = e.getLocation() != null ? e.getLocation()
        : p == null ? null : p.currentLocation();
    String at = loc == null || loc.getLineNr() < 1 ? "" : "at line " + loc.getLineNr() + ": ";
    if (m.contains("nesting depth")) {
      return at + "the document nests mappings and sequences too deep: "
          + InputLimits.limit("levels of nesting", InputLimits.NESTING_DEPTH);
    }
    if (m.contains("String value length")) {
      return at + "a scalar is " + InputLimits.limit("characters per scalar", InputLimits.SCALAR_CHARS);
    }
    if (m.contains("Number value length")) {
      return at + "a number has more digits than the limit of " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN;
    }
    if (m.contains("Document length")) {
      return "the file is " + InputLimits.limit("bytes per file", InputLimits.FILE_BYTES);
    }
    return at + "the input is past a limit of the reader (docs/limits.md)";
  }

  /**
   * Limits checked on the text before parsing: its size, and for YAML the length of each line (the
   * YAML scanner's time grows with the square of an unbroken run of text: docs/limits.md).
   */
  private static void checkSize(InputText in) {
    String text = in.text();
    if (text.length() > InputLimits.FILE_BYTES) {
      throw new InputException(in.origin() + ": the file is " + InputLimits.limit("bytes per file", InputLimits.FILE_BYTES));
    }
    if (in.isJson()) {
      return;
    }
    int line = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > InputLimits.SCALAR_CHARS) {
          throw new InputException(in.origin() + " line " + line + ": the line is "
              + InputLimits.limit("characters per scalar and per line of YAML", InputLimits.SCALAR_CHARS));
        }
        line++;
        start = i + 1;
      }
    }
  }

  /** A float; YAML's .inf and .nan have no decimal form and stay doubles. */
  private static JsonNode floatNode(JsonParser p) throws IOException {
    try {
      return NODES.numberNode(p.getDecimalValue());
    } catch (NumberFormatException e) {
      return NODES.numberNode(p.getDoubleValue());
    }
  }

  private static ObjectNode object(JsonParser p, Budget b, int depth) throws IOException {
    ObjectNode o = NODES.objectNode();
    boolean yaml = p instanceof YAMLParser;
    List<JsonNode> merges = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = scalar(p, b);
      JsonNode v = value(p, p.nextToken(), b, depth + 1);
      if (yaml && key.equals("<<")) {
        merges.add(v);
      } else {
        o.set(key, v);
      }
    }
    // YAML merge keys: keys of the merged mappings that the mapping does not set itself; with a
    // sequence of mappings, earlier ones win.
    for (JsonNode m : merges) {
      List<JsonNode> sources = new ArrayList<>();
      if (m.isArray()) {
        m.forEach(sources::add);
      } else {
        sources.add(m);
      }
      for (JsonNode s : sources) {
        if (!s.isObject()) {
          throw new JsonParseExceptionAt(p, "a merge key (<<) must merge a mapping or a list of mappings");
        }
        for (Map.Entry<String, JsonNode> e : s.properties()) {
          if (!o.has(e.getKey())) {
            o.set(e.getKey(), e.getValue().deepCopy());
          }
        }
      }
    }
    return o;
  }

  private static String yamlProblem(JacksonYAMLParseException e) {
    if (e.getCause() instanceof MarkedYAMLException m) {
      StringBuilder sb = new StringBuilder();
      if (m.getProblemMark() != null) {
        sb.append(" at line ")
            .append(m.getProblemMark().getLine() + 1)
            .append(", column ")
            .append(m.getProblemMark().getColumn() + 1);
      }
      sb.append(": ").append(m.getProblem());
      if (m.getContext() != null) {
        sb.append(" (").append(m.getContext());
        if (m.getContextMark() != null) {
          sb.append(" started at line ").append(m.getContextMark().getLine() + 1);
        }
        sb.append(')');
      }
      return sb.toString();
    }
    var loc = e.getLocation();
    String at = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    return at + ": " + firstLine(e.getOriginalMessage());
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.strip().split("\n", 2)[0];
  }

  /** A parse problem found while building the tree, with the parser's location. */
  private static final class JsonParseExceptionAt extends com.fasterxml.jackson.core.JsonParseException {
    private static final long serialVersionUID = 1L;

    JsonParseExceptionAt(JsonParser p, String msg) {
      super(p, msg);
    }
  }
}
