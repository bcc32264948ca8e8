package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The rule API ({@code dev.albc.rules.api}, docs/rule-authoring.md#what-is-stable) pinned: every
 * public type, record component, constructor, method and constant, as signatures in
 * {@code src/test/resources/api/rules-api.txt}. Removing or changing one breaks user rule files,
 * so it fails here; adding one is allowed but must be written into the file (a deliberate act):
 * {@code ./mvnw test -Dtest=RuleApiCompatibilityTest -Dalbc.api.update=true}.
 */
class RuleApiCompatibilityTest {
  static final Path PINNED = Path.of("src/test/resources/api/rules-api.txt");
  static final String PACKAGE = "dev.albc.rules.api";

  @Test
  void theRuleApiKeepsEverySignatureItPromised() throws Exception {
    Set<String> actual = signatures();
    if (Boolean.getBoolean("albc.api.update")) {
      Files.createDirectories(PINNED.getParent());
      Files.writeString(PINNED, String.join("\n", actual) + "\n", StandardCharsets.UTF_8);
    }
    Set<String> pinned = new TreeSet<>(Files.readAllLines(PINNED, StandardCharsets.UTF_8));
    pinned.remove("");
    Set<String> removed = new TreeSet<>(pinned);
    removed.removeAll(actual);
    assertThat(removed).as("signatures of the rule API removed or changed: user rule files using them break").isEmpty();
    Set<String> added = new TreeSet<>(actual);
    added.removeAll(pinned);
    assertThat(added).as("new rule API signatures: document them and pin them (-Dalbc.api.update=true)").isEmpty();
  }

  @Test
  void theTargetGroupFactIsPartOfIt() throws IOException {
    assertThat(Files.readString(PINNED)).contains("record TargetGroup(String groupId, Member member, ServiceFact service,");
  }

  static Set<String> signatures() throws ClassNotFoundException {
    Set<String> out = new TreeSet<>();
    for (String simple : CompileHints.classesOf(PACKAGE)) {
      Class<?> c = Class.forName(PACKAGE + "." + simple);
      addType(c, out);
      for (Class<?> inner : c.getDeclaredClasses()) {
        addType(inner, out);
      }
    }
    return out;
  }

  static void addType(Class<?> c, Set<String> out) {
    if (!Modifier.isPublic(c.getModifiers())) {
      return;
    }
    String name = c.getName().substring(PACKAGE.length() + 1).replace('$', '.');
    if (c.isRecord()) {
      out.add("record " + name + "(" + Arrays.stream(c.getRecordComponents())
          .map(r -> type(r.getGenericType()) + " " + r.getName()).collect(Collectors.joining(", ")) + ")");
    } else {
      out.add((c.isInterface() ? "interface " : c.isEnum() ? "enum " : "class ") + name);
    }
    for (Constructor<?> k : c.getConstructors()) {
      out.add(name + " new(" + params(k.getGenericParameterTypes()) + ")");
    }
    for (Field f : c.getFields()) {
      if (f.getDeclaringClass() == c) {
        out.add(name + "." + f.getName() + " : " + type(f.getGenericType())
            + (Modifier.isStatic(f.getModifiers()) ? " static" : ""));
      }
    }
    List<String> components = c.isRecord()
        ? Arrays.stream(c.getRecordComponents()).map(RecordComponent::getName).toList() : List.of();
    for (Method m : c.getMethods()) {
      if (m.getDeclaringClass() != c || m.isSynthetic() || m.isBridge()
          || (components.contains(m.getName()) && m.getParameterCount() == 0)
          || (c.isRecord() && List.of("equals", "hashCode", "toString").contains(m.getName()))
          || (c.isEnum() && List.of("values", "valueOf").contains(m.getName()))) {
        continue;
      }
      out.add(name + (Modifier.isStatic(m.getModifiers()) ? " static " : " ") + m.getName()
          + "(" + params(m.getGenericParameterTypes()) + ") : " + type(m.getGenericReturnType()));
    }
  }

  static String params(Type[] types) {
    List<String> out = new ArrayList<>();
    for (Type t : types) {
      out.add(type(t));
    }
    return String.join(", ", out);
  }

  static String type(Type t) {
    return t.getTypeName().replaceAll("\\b(?:[a-z][\\w]*\\.)+([A-Z])", "$1").replace('$', '.');
  }
}
