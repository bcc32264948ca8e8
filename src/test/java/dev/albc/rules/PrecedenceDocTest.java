package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.rules.api.Precedence;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The precedence tables of docs/rules.md and docs/rule-authoring.md say what {@link Precedence} says. */
class PrecedenceDocTest {
  static Map<String, Integer> constants() throws IllegalAccessException {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Field f : Precedence.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        out.put(f.getName(), f.getInt(null));
      }
    }
    return out;
  }

  static Map<String, Integer> found(String text, Pattern p) {
    Map<String, Integer> out = new LinkedHashMap<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.put(m.group(2), Integer.parseInt(m.group(1)));
    }
    return out;
  }

  @Test
  void rulesMdTableListsEveryPrecedence() throws Exception {
    String doc = Files.readString(Path.of("docs/rules.md"));
    assertThat(found(doc, Pattern.compile("(?m)^\\| (\\d+) `([A-Z_]+)` \\|"))).isEqualTo(constants());
  }

  @Test
  void ruleAuthoringListsEveryPrecedence() throws Exception {
    String doc = Files.readString(Path.of("docs/rule-authoring.md"));
    int table = doc.indexOf("| `Precedence` |");
    String row = doc.substring(table, doc.indexOf('\n', table));
    Map<String, Integer> inRow = new LinkedHashMap<>();
    Matcher m = Pattern.compile("`([A-Z_]+)`\\s+(\\d+)").matcher(row);
    while (m.find()) {
      inRow.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    assertThat(inRow).isEqualTo(constants());
    int list = doc.indexOf("Precedence, lowest to highest:");
    String sentence = doc.substring(list, doc.indexOf(".", doc.indexOf("POLICY", list)));
    Map<String, Integer> inSentence = new LinkedHashMap<>();
    m = Pattern.compile("`([A-Z_]+)`\\s+(\\d+)").matcher(sentence);
    while (m.find()) {
      inSentence.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    assertThat(inSentence).isEqualTo(constants());
  }
}
