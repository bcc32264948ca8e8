package dev.albc.rules;

import java.util.List;
import org.kie.api.KieBase;

/**
 * A compiled rule base and the sources it was built from. Thread-safe; sessions are not.
 *
 * @param index where each rule was written (file and line), for messages and explanations
 */
public record RuleSet(KieBase kieBase, List<String> sourceNames, String version, RuleIndex index) {

  public RuleSet(KieBase kieBase, List<String> sourceNames, String version) {
    this(kieBase, sourceNames, version, RuleIndex.empty());
  }
}
