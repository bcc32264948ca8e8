package dev.albc.rules;

import dev.albc.facts.IngressFact;
import dev.albc.facts.ServiceFact;
import dev.albc.facts.SubnetFact;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Setting;

/** Short, human descriptions of facts for explanations. */
public final class Describe {
  private Describe() {}

  public static String fact(Object o) {
    if (o instanceof IngressFact i) {
      return "Ingress " + i.key();
    }
    if (o instanceof ServiceFact s) {
      return "Service " + s.key();
    }
    if (o instanceof SubnetFact s) {
      return "Subnet " + s.id() + " (" + s.availabilityZone() + ")";
    }
    if (o instanceof Member m) {
      return "Ingress " + m.key() + " in group " + m.groupId();
    }
    if (o instanceof Setting s) {
      return s.scope() + " " + s.name() + "=" + s.value() + " from " + s.origin()
          + " (precedence " + s.precedence() + ")";
    }
    if (o instanceof Effective e) {
      return e.scope() + " " + e.name() + "=" + e.value() + " from " + e.origin();
    }
    if (o instanceof String s) {
      return "\"" + s + "\"";
    }
    String t = String.valueOf(o);
    return t.length() > 300 ? t.substring(0, 300) + "…" : t;
  }
}
