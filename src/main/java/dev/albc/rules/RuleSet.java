package dev.albc.rules;

import java.util.List;
import org.kie.api.KieBase;

/** A compiled rule base and the sources it was built from. Thread-safe; sessions are not. */
public record RuleSet(KieBase kieBase, List<String> sourceNames, String version) {}
