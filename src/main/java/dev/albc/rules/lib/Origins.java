package dev.albc.rules.lib;

/**
 * Origins of settings are written {@code <object> annotation <key>}, {@code <object> field <path>},
 * {@code flag --name}, {@code default} or {@code rule "name"}; these helpers split them.
 */
public final class Origins {
  private Origins() {}

  public static String annotation(String object, String key) {
    return object + " annotation " + key;
  }

  public static String ofField(String object, String path) {
    return object + " field " + path;
  }

  public static String flag(String flag) {
    return "flag " + flag;
  }

  public static final String DEFAULT = "default";

  /** The object part ({@code Ingress ns/a}), or the whole origin when it names none. */
  public static String object(String origin) {
    if (origin == null) {
      return null;
    }
    for (String sep : new String[] {" annotation ", " field "}) {
      int i = origin.indexOf(sep);
      if (i > 0) {
        return origin.substring(0, i);
      }
    }
    return origin;
  }

  /** The annotation key or field path, else the fallback. */
  public static String field(String origin, String fallback) {
    if (origin != null) {
      for (String sep : new String[] {" annotation ", " field "}) {
        int i = origin.indexOf(sep);
        if (i > 0) {
          return origin.substring(i + sep.length());
        }
      }
    }
    return fallback;
  }
}
