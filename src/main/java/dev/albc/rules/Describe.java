package dev.albc.rules;

import dev.albc.facts.CertificateFact;
import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.RouteTableFact;
import dev.albc.facts.SecurityGroupFact;
import dev.albc.facts.ServiceFact;
import dev.albc.facts.SubnetFact;
import dev.albc.rules.api.ChosenSecurityGroups;
import dev.albc.rules.api.ChosenSubnets;
import dev.albc.rules.api.Described;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Effective;
import dev.albc.rules.api.GroupSettings;
import dev.albc.rules.api.KnownAnnotation;
import dev.albc.rules.api.ListenPortSpec;
import dev.albc.rules.api.Setting;
import dev.albc.rules.lib.Backends;
import dev.albc.rules.lib.ListenerRules;
import dev.albc.rules.lib.TargetGroupSettings;
import dev.albc.rules.lib.TargetGroups;
import dev.albc.rules.api.GroupSettings;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The readable description of a fact — {@code Ingress team-a/web (group team-a/web)},
 * {@code Service team-a/web port 80 of Ingress team-a/web}, {@code group:team-a/web scheme =
 * internal} — as {@code explain} prints what a rule matched, and as a case's
 * {@code fired: [{rule: …, on: …}]} matches it (docs/rule-authoring.md#testing-rules). Never a
 * cut-off record dump: a type without its own wording is named with its short fields. The rule
 * API's facts describe themselves ({@link Described}). {@link #matched} is the same wording for
 * explain, which leaves out facts not worth naming.
 */
public final class Describe {
  private Describe() {}

  public static String fact(Object o) {
    if (o == null) {
      return "nothing";
    }
    if (o instanceof String s) {
      return "value \"" + s + "\"";
    }
    if (o instanceof org.drools.base.InitialFact) {
      // what a rule with an empty (or only "not …") condition matches: no fact of the input
      return "(no fact: the rule's condition needs none)";
    }
    if (o instanceof Described d) {
      return d.description();
    }
    if (o instanceof ControllerSettings c) {
      return "controller settings (cluster " + c.clusterName() + ")";
    }
    if (o instanceof IngressFact i) {
      return "Ingress " + i.key();
    }
    if (o instanceof ServiceFact s) {
      return "Service " + s.key();
    }
    if (o instanceof SubnetFact s) {
      return "Subnet " + s.id() + " (" + s.availabilityZone() + ")";
    }
    if (o instanceof NamespaceFact n) {
      return "Namespace " + n.name() + " labels " + new TreeMap<>(n.labels());
    }
    if (o instanceof IngressClassFact c) {
      return "IngressClass " + c.name() + " (controller " + c.controller() + ")";
    }
    if (o instanceof IngressClassParamsFact p) {
      return "IngressClassParams " + p.name();
    }
    if (o instanceof CertificateFact c) {
      return "ACM certificate " + c.names() + " " + c.arn().substring(c.arn().lastIndexOf('/') + 1);
    }
    if (o instanceof SecurityGroupFact s) {
      return "SecurityGroup " + s.id() + " (" + s.groupName() + ")";
    }
    if (o instanceof RouteTableFact r) {
      return "RouteTable " + r.id();
    }
    if (o instanceof Effective e) {
      return e.scope() + " " + e.name() + " = " + value(e.value());
    }
    if (o instanceof Setting s) {
      return s.scope() + " " + s.name() + " = " + value(s.value()) + " from " + s.origin()
          + " (precedence " + s.precedence() + ")";
    }
    if (o instanceof Diagnostic d) {
      return d.severity().name().toLowerCase(Locale.ROOT) + " " + d.object() + " " + d.field() + ": " + d.message();
    }
    if (o instanceof KnownAnnotation k) {
      return "known annotation " + k.key();
    }
    if (o instanceof ChosenSubnets c) {
      return "subnets " + c.subnetIds() + " (by " + c.how() + ")";
    }
    if (o instanceof ChosenSecurityGroups c) {
      return "security groups " + c.securityGroups().stream().map(Describe::ref).toList();
    }
    if (o instanceof ListenerRules.Listener l) {
      return "listener " + l.port() + " (" + l.protocol() + ")";
    }
    if (o instanceof Backends.Use u) {
      return "Ingress " + u.ingressKey() + " " + u.field();
    }
    if (o instanceof TargetGroups.Backend b) {
      return "Service " + b.service().key() + " port " + b.port() + " of Ingress " + b.member().key();
    }
    if (o instanceof Collection<?> c) {
      return c.size() <= 3 ? "[" + String.join(", ", c.stream().map(Describe::fact).toList()) + "]"
          : c.size() + " facts";
    }
    if (o instanceof Record r) {
      return record(r);
    }
    String t = String.valueOf(o);
    return t.length() > 120 ? o.getClass().getSimpleName() : t;
  }

  /** A matched fact as explain names it; null for facts not worth naming (bags, settings holders, markers). */
  static String matched(Object o) {
    if (o == null || o instanceof ControllerSettings || o instanceof GroupSettings
        || o instanceof TargetGroups.Used || o instanceof TargetGroupSettings.Raw) {
      return null;
    }
    if (o instanceof Collection<?> c) {
      return c.size() <= 3 && !c.isEmpty() ? "[" + String.join(", ", c.stream().map(Describe::matchedShort).toList()) + "]" : null;
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

  /** A setting's value as explain prints it: maps sorted, ports as {@code HTTP:80}. */
  public static String value(Object v) {
    if (v instanceof Map<?, ?> m) {
      return new TreeMap<>(m).toString();
    }
    if (v instanceof ListenPortSpec p) {
      return p.protocol() + ":" + p.port();
    }
    if (v instanceof Collection<?> c) {
      return "[" + String.join(", ", c.stream().map(Describe::value).toList()) + "]";
    }
    return String.valueOf(v);
  }

  static String ref(Object o) {
    return o instanceof dev.albc.intents.Ref r ? r.ref() + " of this plan" : String.valueOf(o);
  }

  /** {@code TypeName field=value …} with the short (text, number, flag) fields only. */
  static String record(Record r) {
    List<String> parts = new ArrayList<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      Object v;
      try {
        v = c.getAccessor().invoke(r);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Enum<?>) {
        String t = String.valueOf(v);
        if (t.length() <= 80) {
          parts.add(c.getName() + "=" + t);
        }
      }
    }
    return r.getClass().getSimpleName() + (parts.isEmpty() ? "" : " " + String.join(" ", parts));
  }
}
