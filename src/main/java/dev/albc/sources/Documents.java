package dev.albc.sources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
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
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Splits a text into its documents (YAML documents, or consecutive JSON values) and builds a Jackson
 * tree of each. YAML anchors, aliases and merge keys ({@code <<}) are resolved, duplicate keys are
 * rejected, and scalars are typed as YAML 1.1 does (as Kubernetes' YAML reader does). An empty
 * document gives a null node, so document numbers match the text.
 */
final class Documents {
  private Documents() {}

  /** One document: its 1-based index in the text, its first line and its tree (null when empty). */
  record Doc(int index, int line, JsonNode node) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final YAMLFactory YAML =
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  static List<Doc> parse(InputText in) {
    List<Doc> docs = new ArrayList<>();
    int current = 1;
    try (JsonParser p = in.isJson() ? JSON.createParser(in.text()) : YAML.createParser(in.text())) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = p.currentTokenLocation().getLineNr();
        JsonNode n = value(p, t, new HashMap<>());
        // an empty or comment-only document reads as null or as an empty plain scalar
        boolean empty = n.isNull() || (n.isTextual() && n.asText().isEmpty());
        docs.add(new Doc(current, line, empty ? null : n));
        current++;
      }
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

  private static JsonNode value(JsonParser p, JsonToken t, Map<String, JsonNode> anchors)
      throws IOException {
    String anchor = p instanceof YAMLParser ? ((YAMLParser) p).getCurrentAnchor() : null;
    JsonNode n;
    switch (t) {
      case START_OBJECT -> n = object(p, anchors);
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        JsonToken c;
        while ((c = p.nextToken()) != JsonToken.END_ARRAY) {
          a.add(value(p, c, anchors));
        }
        n = a;
      }
      case VALUE_STRING -> {
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
          JsonNode target = anchors.get(p.getText());
          if (target == null) {
            throw new JsonParseExceptionAt(p, "unknown alias *" + p.getText());
          }
          return target.deepCopy();
        }
        n = NODES.textNode(p.getText());
      }
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
        n = o instanceof byte[] b ? NODES.binaryNode(b) : NODES.textNode(String.valueOf(o));
      }
      default -> throw new JsonParseExceptionAt(p, "unexpected " + t);
    }
    if (anchor != null) {
      anchors.put(anchor, n);
    }
    return n;
  }

  /** A float; YAML's .inf and .nan have no decimal form and stay doubles. */
  private static JsonNode floatNode(JsonParser p) throws IOException {
    try {
      return NODES.numberNode(p.getDecimalValue());
    } catch (NumberFormatException e) {
      return NODES.numberNode(p.getDoubleValue());
    }
  }

  private static ObjectNode object(JsonParser p, Map<String, JsonNode> anchors) throws IOException {
    ObjectNode o = NODES.objectNode();
    boolean yaml = p instanceof YAMLParser;
    List<JsonNode> merges = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonNode v = value(p, p.nextToken(), anchors);
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
