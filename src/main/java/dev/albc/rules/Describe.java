package dev.albc.rules;

import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.rules.api.ChosenSecurityGroups;
import dev.albc.rules.api.ChosenSubnets;
import dev.albc.rules.api.GroupSettings;
import dev.albc.rules.api.ListenPort;
import dev.albc.rules.lib.Backends;
import dev.albc.rules.lib.ListenerRules;
import dev.albc.rules.lib.TargetGroupSettings;
import java.util.Collection;
import java.util.TreeMap;
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

  /** A matched fact as explain names it; null for facts not worth naming (bags, settings holders). */
  static String matched(Object o) {
    if (o == null || o instanceof ControllerSettings || o instanceof GroupSettings) {
      return null;
    }
    if (o instanceof Collection<?> c) {
      return c.size() <= 3 && !c.isEmpty() ? "[" + String.join(", ", c.stream().map(Describe::matchedShort).toList()) + "]" : null;
    }
    if (o instanceof String s) {
      return "value \"" + s + "\"";
    }
    if (o instanceof Member m) {
      return "Ingress " + m.key() + " (group " + m.groupId() + ")";
    }
    if (o instanceof IngressFact i) {
      return "Ingress " + i.key();
    }
    if (o instanceof ServiceFact s) {
      return "Service " + s.key();
    }
    if (o instanceof dev.albc.facts.CertificateFact c) {
      return "ACM certificate " + c.names() + " " + c.arn().substring(c.arn().lastIndexOf('/') + 1);
    }
    if (o instanceof NamespaceFact n) {
      return "Namespace " + n.name() + " labels " + new TreeMap<>(n.labels());
    }
    if (o instanceof Effective e) {
      return e.scope() + " " + e.name() + " = " + Explanation.render(e.value());
    }
    if (o instanceof Setting st) {
      return st.scope() + " " + st.name() + " = " + Explanation.render(st.value()) + " from " + st.origin()
          + " (precedence " + st.precedence() + ")";
    }
    if (o instanceof Backends.Use u) {
      return "Ingress " + u.ingressKey() + " " + u.field();
    }
    if (o instanceof dev.albc.rules.api.Group g) {
      return "IngressGroup " + g.id();
    }
    if (o instanceof ChosenSubnets c) {
      return "subnets " + c.subnetIds() + " (by " + c.how() + ")";
    }
    if (o instanceof ChosenSecurityGroups c) {
      return "security groups " + c.securityGroups().stream().map(Explanation::refText).toList();
    }
    if (o instanceof ListenPort lp) {
      return "Ingress " + lp.ingressKey() + " listens on " + lp.protocol() + ":" + lp.port();
    }
    if (o instanceof ListenerRules.Listener l) {
      return "listener " + l.port() + " (" + l.protocol() + ")";
    }
    if (o instanceof dev.albc.rules.lib.TargetGroups.Backend b) {
      return "Service " + b.service().key() + " port " + b.port() + " of Ingress " + b.member().key();
    }
    if (o instanceof dev.albc.rules.lib.TargetGroups.Used || o instanceof TargetGroupSettings.Raw) {
      return null;
    }
    if (o instanceof TargetGroupSettings.Malformed m) {
      return m.object() + " " + m.key();
    }
    String d = fact(o);
    return d.length() > 120 ? d.substring(0, 120) + "…" : d;
  }

  static String matchedShort(Object o) {
    String d = matched(o);
    return d == null ? o.getClass().getSimpleName() : d;
  }
}
