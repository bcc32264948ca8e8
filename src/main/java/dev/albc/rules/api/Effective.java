package dev.albc.rules.api;

import java.util.List;
import java.util.Map;

/** The winning value of a setting for a scope, with the setting it came from. */
public record Effective(String scope, String name, Object value, Setting from) {

  public String stringValue() {
    return value == null ? null : String.valueOf(value);
  }

  public int intValue() {
    return ((Number) value).intValue();
  }

  public boolean boolValue() {
    return Boolean.TRUE.equals(value);
  }

  @SuppressWarnings("unchecked")
  public List<String> listValue() {
    return (List<String>) value;
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> mapValue() {
    return (Map<String, String>) value;
  }

  public Source source() {
    return from.source();
  }

  public String origin() {
    return from.origin();
  }
}
