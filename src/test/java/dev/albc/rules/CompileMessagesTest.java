package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compile errors of user rule files (issue 13, item 3): every problem names the file, the line and
 * the rule, only the file at fault, and the common Drools parser errors are said as a sentence with
 * the likely fix.
 */
class CompileMessagesTest {
  static final String HEAD = "package house;\nimport dev.albc.rules.api.*;\n\n";

  static List<String> problems(RuleSource... files) {
    RuleCompileException e = catchThrowableOfType(
        () -> RuleCompiler.compileWithBuiltin(List.of(files)), RuleCompileException.class);
    assertThat(e).as("does not compile").isNotNull();
    return e.problems();
  }

  static RuleSource file(String name, String body) {
    return new RuleSource("house/" + name, HEAD + body, false);
  }

  static final RuleSource OTHER = file("other.drl", """
      rule "another rule of the package"
          ruleflow-group "override"
      when
          $m : Member()
      then
      end
      """);

  @Test
  void anErrorOnALaterLineOfAConsequenceNamesItsLineRuleAndOnlyItsFile() {
    List<String> p = problems(file("a.drl", """
        rule "fine"
            ruleflow-group "override"
        when
            $m : Member()
        then
        end

        rule "later line"
            ruleflow-group "override"
        when
            $m : Member()
        then
            String a = "x";
            insert(Setting.byRule($m.groupScop(), "tag:team", a, Precedence.RULE, drools.getRule().getName()));
        end
        """), OTHER);
    assertThat(p).singleElement().asString()
        .startsWith("house/a.drl:17 (rule \"later line\"): ")
        .contains("groupScop")
        .doesNotContain("other.drl");
  }

  @Test
  void anErrorInAStatementOverSeveralLinesNamesTheLineOfTheName() {
    List<String> p = problems(file("a.drl", """
        rule "spread"
            ruleflow-group "override"
        when
            $m : Member()
        then
            insert(Setting.byRule($m.groupScope(), "tag:team", "a",
                Precedence.RUL, drools.getRule().getName()));
        end
        """), OTHER);
    assertThat(p).singleElement().asString().startsWith("house/a.drl:10 (rule \"spread\"): ").contains("RUL");
  }

  @Test
  void aMissingSemicolon() {
    List<String> p = problems(file("a.drl", """
        rule "semicolon"
            ruleflow-group "override"
        when
            $m : Member()
        then
            String a = "x";
            String b = "y"
            insert(Setting.byRule($m.groupScope(), "tag:team", a + b, Precedence.RULE, drools.getRule().getName()));
        end
        """));
    assertThat(p).singleElement().asString()
        .startsWith("house/a.drl:10 (rule \"semicolon\"): a `;` is missing at the end of the statement `String b = \"y\"`")
        .contains("the next thing is `insert`").contains("[Drools: Unable to parse consequence");
  }

  @Test
  void aMissingParenthesisInAConsequence() {
    List<String> p = problems(file("a.drl", """
        rule "paren"
            ruleflow-group "override"
        when
            $m : Member()
        then
            insert(Setting.byRule($m.groupScope(), "tag:team", "a", Precedence.RULE, drools.getRule().getName());
        end
        """));
    assertThat(p).singleElement().asString().startsWith("house/a.drl:9 (rule \"paren\"): a `)` is missing before `;`");
  }

  @Test
  void aParenthesisNotClosedBeforeThen() {
    List<String> p = problems(file("a.drl", """
        rule "when paren"
            ruleflow-group "override"
        when
            $m : Member(groupId == "x"
        then
        end
        """));
    assertThat(p).singleElement().asString().startsWith("house/a.drl:7 (rule \"when paren\"): "
        + "a `)` is missing: the `(` in `$m : Member(groupId == \"x\"` is not closed before `then`");
  }

  @Test
  void aRuleWithoutEnd() {
    List<String> p = problems(file("a.drl", """
        rule "no end"
            ruleflow-group "override"
        when
            $m : Member()
        then

        rule "next"
            ruleflow-group "override"
        when
            $m : Member()
        then
        end
        """));
    assertThat(p).singleElement().asString().startsWith("house/a.drl:4 (rule \"no end\"): "
        + "rule \"no end\" has no `end`: add a line `end` after its consequence (before line 10)");
  }

  @Test
  void anUnknownFieldListsTheFields() {
    List<String> p = problems(file("a.drl", """
        rule "field"
            ruleflow-group "override"
        when
            $m : Member()
            Setting(scope == $m.groupScope(), nam == "scheme")
        then
        end
        """));
    assertThat(p).singleElement().asString().startsWith("house/a.drl:8 (rule \"field\"): "
        + "Setting has no field `nam` (did you mean \"name\"?); its fields: scope, name, value, source, precedence, origin");
  }

  @Test
  void anUnknownClassSaysDidYouMean() {
    List<String> p = problems(file("a.drl", """
        rule "class"
            ruleflow-group "override"
        when
            $m : Membr()
        then
        end
        """));
    assertThat(p).singleElement().asString().startsWith("house/a.drl:7 (near) (rule \"class\"): "
        + "unknown class `Membr` (did you mean \"Member\"?)");
  }
}
