package dev.albc.desired;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;

/** The plan's JSON and YAML: map keys sorted, nulls left out, stable. */
public final class DesiredJson {
  private DesiredJson() {}

  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  public static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build())
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  public static JsonNode tree(DesiredState plan) {
    return JSON.valueToTree(plan);
  }

  public static String json(DesiredState plan) {
    try {
      return JSON.writeValueAsString(plan) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String yaml(DesiredState plan) {
    try {
      return YAML.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
