package dev.albc.sources;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads the {@code spec} of an IngressClassParams manifest into {@link IngressClassParamsSpec} as
 * the CRD's schema does: unknown fields, nulls and values of the wrong type are errors naming the
 * field path, and the CRD's required fields and one-of rule are checked ({@link ManifestReader}
 * reads the rest of the object).
 */
final class IngressClassParamsSpecReader {
  private IngressClassParamsSpecReader() {}

  private static final ObjectMapper SPEC_MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(
              LogicalType.Textual,
              c -> {
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
              })
          .withCoercionConfig(
              LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
          .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
          .build();

  static IngressClassParamsSpec empty() {
    return SPEC_MAPPER.convertValue(JsonNodeFactory.instance.objectNode(), IngressClassParamsSpec.class);
  }

  static IngressClassParamsSpec read(String at, JsonNode spec) {
    try {
      return SPEC_MAPPER.treeToValue(spec, IngressClassParamsSpec.class);
    } catch (UnrecognizedPropertyException e) {
      List<JsonMappingException.Reference> refs = e.getPath();
      String path = path(refs.subList(0, Math.max(0, refs.size() - 1)));
      List<String> known = new ArrayList<>();
      if (e.getKnownPropertyIds() != null) {
        e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      }
      throw new InputException(at + path + ": " + ModelCheck.unknownField(e.getPropertyName(), known), e);
    } catch (InvalidNullException e) {
      throw new InputException(
          at + path(e.getPath()) + ": expected " + expected(e.getTargetType()) + ", got null", e);
    } catch (MismatchedInputException e) {
      String path = path(e.getPath());
      JsonNode actual = at(spec, e.getPath());
      throw new InputException(
          at + path + ": expected " + expected(e.getTargetType()) + ", got "
              + ModelCheck.describe(actual), e);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String m = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
      throw new InputException(at + "spec: " + m, e);
    }
  }

  /** The CRD's required fields and its one-of rule. */
  static void check(String at, IngressClassParamsSpec s) {
    if (s.group() != null && s.group().name() == null) {
      throw new InputException(at + "spec.group: missing required field \"name\"");
    }
    if (s.namespaceSelector() != null && s.namespaceSelector().matchExpressions() != null) {
      var exprs = s.namespaceSelector().matchExpressions();
      for (int i = 0; i < exprs.size(); i++) {
        String p = "spec.namespaceSelector.matchExpressions[" + i + "]";
        required(at, p, "key", exprs.get(i).key());
        required(at, p, "operator", exprs.get(i).operator());
      }
    }
    keyValues(at, "spec.tags", s.tags());
    keyValues(at, "spec.loadBalancerAttributes", s.loadBalancerAttributes());
    if (s.listeners() != null) {
      for (int i = 0; i < s.listeners().size(); i++) {
        keyValues(
            at,
            "spec.listeners[" + i + "].listenerAttributes",
            s.listeners().get(i).listenerAttributes());
      }
    }
    if (s.minimumLoadBalancerCapacity() != null) {
      required(at, "spec.minimumLoadBalancerCapacity", "capacityUnits",
          s.minimumLoadBalancerCapacity().capacityUnits());
    }
    if (s.prefixListsIDs() != null && s.legacyPrefixListsIDs() != null) {
      throw new InputException(
          at + "spec: prefixListsIDs and PrefixListsIDs are both set; expected only one of them"
              + " (PrefixListsIDs is the legacy spelling)");
    }
  }

  private static void keyValues(String at, String path, List<IngressClassParamsSpec.KeyValue> kvs) {
    if (kvs == null) {
      return;
    }
    for (int i = 0; i < kvs.size(); i++) {
      required(at, path + "[" + i + "]", "key", kvs.get(i).key());
      required(at, path + "[" + i + "]", "value", kvs.get(i).value());
    }
  }

  private static void required(String at, String path, String field, Object value) {
    if (value == null) {
      throw new InputException(at + path + ": missing required field \"" + field + "\"");
    }
  }

  private static String path(List<JsonMappingException.Reference> refs) {
    String p = "spec";
    for (JsonMappingException.Reference r : refs) {
      p = r.getFieldName() != null ? ModelCheck.child(p, r.getFieldName()) : p + "[" + r.getIndex() + "]";
    }
    return p;
  }

  private static JsonNode at(JsonNode root, List<JsonMappingException.Reference> refs) {
    JsonNode n = root;
    for (JsonMappingException.Reference r : refs) {
      if (n == null) {
        return null;
      }
      n = r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
    }
    return n;
  }

  private static String expected(Class<?> t) {
    if (t == null) {
      return "a value";
    }
    if (t == String.class) {
      return "a string";
    }
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return "an integer";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "a boolean (true or false)";
    }
    if (Collection.class.isAssignableFrom(t)) {
      return "a list";
    }
    return "a mapping";
  }
}
