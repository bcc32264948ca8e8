package dev.albc.aws;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * AWS SDK v2 model objects ↔ JSON with the API's own member names ({@code TargetGroupArn},
 * {@code HealthCheckPath}, …), the names the plan's resources use and the AWS CLI prints (so the
 * account's facts go through the same mapping as CLI dumps: {@link #cliOutput}, {@link AccountFacts}).
 */
public final class SdkJson {
  private SdkJson() {}

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Reads request builders; unknown members are refused. */
  static final ObjectMapper READER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** A model object as JSON: member names as the API's, nulls and empty auto-construct lists left out. */
  public static ObjectNode toJson(SdkPojo pojo) {
    ObjectNode out = F.objectNode();
    for (SdkField<?> f : pojo.sdkFields()) {
      Object v = f.getValueOrDefault(pojo);
      JsonNode n = value(v);
      if (n != null) {
        out.set(f.memberName(), n);
      }
    }
    return out;
  }

  /**
   * What the AWS CLI prints for a describe or list call: {@code {"<key>": [objects]}} (for example
   * {@code Subnets}), the objects as {@link #toJson} writes them.
   */
  public static ObjectNode cliOutput(String key, Collection<? extends SdkPojo> items) {
    ObjectNode out = F.objectNode();
    ArrayNode list = out.putArray(key);
    items.forEach(i -> list.add(toJson(i)));
    return out;
  }

  /** What the AWS CLI prints for a call answering one object: {@code {"<key>": object}}. */
  public static ObjectNode cliOutput(String key, SdkPojo item) {
    ObjectNode out = F.objectNode();
    out.set(key, toJson(item));
    return out;
  }

  private static JsonNode value(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof SdkPojo p) {
      return toJson(p);
    }
    if (v instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>
        || v instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>) {
      return null; // not set by the service
    }
    if (v instanceof Collection<?> c) {
      ArrayNode a = F.arrayNode();
      for (Object o : c) {
        JsonNode n = value(o);
        a.add(n == null ? F.nullNode() : n);
      }
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = F.objectNode();
      m.forEach((k, x) -> {
        JsonNode n = value(x);
        o.set(String.valueOf(k), n == null ? F.nullNode() : n);
      });
      return o;
    }
    if (v instanceof String s) {
      return F.textNode(s);
    }
    if (v instanceof Integer i) {
      return F.numberNode(i);
    }
    if (v instanceof Long l) {
      return F.numberNode(l);
    }
    if (v instanceof Double d) {
      return F.numberNode(d);
    }
    if (v instanceof Float d) {
      return F.numberNode(d);
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (v instanceof Instant t) {
      return F.textNode(t.toString());
    }
    if (v instanceof SdkBytes b) {
      return F.textNode(b.asUtf8String());
    }
    return F.textNode(String.valueOf(v));
  }

  /**
   * A request (or any model object) from JSON with the API's member names, through the type's
   * serializable builder. An unknown member throws IllegalArgumentException naming it.
   */
  @SuppressWarnings("unchecked")
  public static <T extends SdkPojo> T fromJson(Class<T> type, JsonNode body) {
    try {
      Class<?> builderImpl = (Class<?>) type.getMethod("serializableBuilderClass").invoke(null);
      Object builder = READER.treeToValue(body, builderImpl);
      Method build = builderImpl.getMethod("build");
      build.setAccessible(true);
      return (T) build.invoke(builder);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e, e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
