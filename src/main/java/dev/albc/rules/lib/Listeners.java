package dev.albc.rules.lib;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.facts.CertificateFact;
import dev.albc.facts.ControllerSettings;
import dev.albc.facts.IngressFact;
import dev.albc.intents.Action;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.Ref;
import dev.albc.rules.api.Ann;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.Group;
import dev.albc.rules.api.ListenPort;
import dev.albc.rules.api.ListenPortSpec;
import dev.albc.rules.api.ListenerCertificates;
import dev.albc.rules.api.ListenerDefaultAction;
import dev.albc.rules.api.Lookup;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Tags;
import dev.albc.rules.api.GroupSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Helpers for listeners.drl. */
public final class Listeners {
  private Listeners() {}

  /** True when the Ingress has certificate-arn or its IngressClassParams certificateArn. */
  public static boolean hasExplicitCertificates(Member m) {
    String a = m.ingress().annotation(Ann.alb("certificate-arn"));
    if (a != null && !Values.stringList(a).isEmpty()) {
      return true;
    }
    return m.params() != null && m.params().certificateArn() != null && !m.params().certificateArn().isEmpty();
  }

  /** listen-ports: {@code [{"HTTP":80},{"HTTPS":443}]}. */
  public static Values.Result parseListenPorts(String raw) {
    String expected = "a JSON array of single-key objects such as [{\"HTTP\": 80}, {\"HTTPS\": 443}]";
    Values.Result j = Values.json(raw);
    if (!j.ok()) {
      return new Values.Result(null, j.error(), expected);
    }
    JsonNode n = (JsonNode) j.value();
    if (!n.isArray()) {
      return new Values.Result(null, "not a JSON array", expected);
    }
    if (n.isEmpty()) {
      return new Values.Result(null, "empty list of ports", expected);
    }
    List<ListenPortSpec> out = new ArrayList<>();
    for (JsonNode item : n) {
      if (!item.isObject() || item.size() != 1) {
        return new Values.Result(null, "each entry must be one {\"PROTOCOL\": port} object, got " + item, expected);
      }
      var e = item.fields().next();
      String protocol = e.getKey();
      if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
        return new Values.Result(null, "protocol \"" + protocol + "\" is not HTTP or HTTPS", expected);
      }
      JsonNode p = e.getValue();
      if (!p.canConvertToInt() || !p.isIntegralNumber() || p.asInt() < 1 || p.asInt() > 65535) {
        return new Values.Result(null, "port " + p + " is not an integer from 1 to 65535", expected);
      }
      ListenPortSpec spec = new ListenPortSpec(protocol, p.asInt());
      if (!out.contains(spec)) {
        out.add(spec);
      }
    }
    out.sort(Comparator.comparingInt(ListenPortSpec::port));
    return new Values.Result(List.copyOf(out), null, null);
  }

  public static Values.Result certificateArns(List<String> arns) {
    for (String a : arns) {
      if (!a.startsWith("arn:")) {
        return new Values.Result(null, "\"" + a + "\" is not an ARN", "ACM certificate ARNs, comma separated");
      }
    }
    if (arns.isEmpty()) {
      return new Values.Result(null, "no certificate ARN listed", "ACM certificate ARNs, comma separated");
    }
    return new Values.Result(List.copyOf(new LinkedHashSet<>(arns)), null, null);
  }

  /** Why ssl-redirect's port is not an HTTPS listener of the group, or null. */
  public static String sslRedirectProblem(Integer port, Collection<?> listenPorts) {
    boolean exists = false;
    for (Object o : listenPorts) {
      ListenPort lp = (ListenPort) o;
      if (lp.port() == port) {
        exists = true;
        if (!lp.protocol().equals("HTTPS")) {
          return "listener protocol non-SSL for SSLRedirect port: " + port;
        }
      }
    }
    return exists ? null : "listener does not exist for SSLRedirect port: " + port;
  }

  /** The hosts certificate discovery matches: spec.rules[].host and spec.tls[].hosts, deduplicated. */
  public static List<String> hosts(IngressFact i) {
    Set<String> hosts = new TreeSet<>();
    for (var r : i.rules()) {
      if (r.host() != null && !r.host().isEmpty()) {
        hosts.add(r.host());
      }
    }
    for (var t : i.tls()) {
      for (String h : t.hosts()) {
        if (h != null && !h.isEmpty()) {
          hosts.add(h);
        }
      }
    }
    return List.copyOf(hosts);
  }

  /** Exact match, or a SAN {@code *.x.y} matching a host with the same labels after the first. */
  public static boolean certMatches(String name, String host) {
    if (name.equalsIgnoreCase(host)) {
      return true;
    }
    if (name.startsWith("*.")) {
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot + 1).equalsIgnoreCase(name.substring(2));
    }
    return false;
  }

  /**
   * Certificate discovery for an HTTPS port of {@code m}: every host must match an ISSUED
   * certificate whose issuing CA {@code --allowed-certificate-authority-arns} allows. A certificate
   * that matches by name but whose CA the facts do not know (a private one known only from
   * {@code list-certificates}) while the flag is set is a {@link Lookup} with an error.
   */
  public static List<Object> discoverCertificates(ControllerSettings cfg, Member m, int port, Collection<?> certs,
      String rule) {
    List<String> hosts = hosts(m.ingress());
    String field = Ann.alb("certificate-arn");
    if (hosts.isEmpty()) {
      return List.of(Diagnostic.error(m.groupId(), m.object(), field,
          "HTTPS port " + port + " has no certificate: no certificate-arn and no host to discover one by",
          "set certificate-arn, or give spec.rules[].host / spec.tls[].hosts that ACM certificates cover", rule));
    }
    TreeSet<String> arns = new TreeSet<>();
    List<Object> lookups = new ArrayList<>();
    for (String h : hosts) {
      boolean found = false;
      for (Object o : certs) {
        CertificateFact c = (CertificateFact) o;
        if (c.status() != null && !"ISSUED".equals(c.status())) {
          continue;
        }
        if (c.names().stream().noneMatch(n -> certMatches(n, h))) {
          continue;
        }
        if (!cfg.allowedCertificateAuthorityArns().isEmpty() && c.certificateAuthorityArn() == null) {
          lookups.add(new Lookup(Lookup.CERTIFICATE, c.arn(), m.groupId(), m.object(), field));
        } else if (cfg.allowsCertificateAuthority(c.certificateAuthorityArn())) {
          arns.add(c.arn());
          found = true;
        }
      }
      if (!found && lookups.isEmpty()) {
        return List.of(Diagnostic.error(m.groupId(), m.object(), field,
            "no certificate found for host: " + h,
            "import or request an ACM certificate covering " + h + " (pass `aws acm list-certificates` output with --aws-facts)"
                + (cfg.allowedCertificateAuthorityArns().isEmpty() ? "" : " issued by a CA of --allowed-certificate-authority-arns")
                + ", or set certificate-arn",
            rule));
      }
    }
    if (!lookups.isEmpty()) {
      List<Object> out = new ArrayList<>(lookups);
      Lookup first = (Lookup) lookups.get(0);
      out.add(Diagnostic.error(m.groupId(), m.object(), field, first.what() + " needs a look-up in the AWS account"
              + " (DescribeCertificate): --allowed-certificate-authority-arns is set",
          "plan with --live, or give the output of `" + first.dump() + "` with --aws-facts", rule));
      return out;
    }
    return List.of(new ListenerCertificates(m.groupId(), port, m.key(), List.copyOf(arns), "discovered"));
  }

  public static List<Object> assemble(
      ControllerSettings cfg, Group g, int port, Collection<?> listenPorts, Collection<?> certs,
      Collection<?> defaults, GroupSettings gs, Collection<?> preActions, String defaultSslPolicy, Action noMatchAction,
      String rule) {
    List<Object> out = new ArrayList<>();
    String protocol = null;
    List<String> keys = new ArrayList<>();
    for (Object o : listenPorts) {
      ListenPort lp = (ListenPort) o;
      protocol = protocol == null ? lp.protocol() : protocol;
      if (!keys.contains(lp.ingressKey())) {
        keys.add(lp.ingressKey());
      }
    }
    keys.sort(Comparator.comparingInt((String k) -> gs.order(k)).thenComparing(k -> k));
    String groupScope = Scopes.group(g.id());
    String sslPolicy = null;
    // an ARN, or a Ref to a certificate albc requests (its ARN is ACM's answer)
    List<Object> certArns = new ArrayList<>();
    if ("HTTPS".equals(protocol)) {
      for (String k : keys) {
        Object p = gs.value(Scopes.ingress(k), "ssl-policy");
        if (p != null && sslPolicy == null) {
          sslPolicy = (String) p;
        }
        for (Object o : certs) {
          ListenerCertificates lc = (ListenerCertificates) o;
          if (lc.ingressKey().equals(k)) {
            for (String a : lc.arns()) {
              Object c = ListenerCertificates.MANAGED.equals(lc.how()) ? Ref.to(a) : a;
              if (!certArns.contains(c)) {
                certArns.add(c);
              }
            }
          }
        }
      }
      if (sslPolicy == null) {
        sslPolicy = defaultSslPolicy;
      }
    }
    Action defaultAction;
    List<Action> before = new ArrayList<>();
    Object redirect = gs.value(groupScope, "ssl-redirect");
    List<ListenerDefaultAction> backends = new ArrayList<>();
    for (Object o : defaults) {
      backends.add((ListenerDefaultAction) o);
    }
    backends.sort(Comparator.comparing(ListenerDefaultAction::ingressKey));
    if ("HTTP".equals(protocol) && redirect != null) {
      defaultAction = Action.redirect(new Action.RedirectConfig("HTTPS", String.valueOf(redirect), null, null, null, "HTTP_301"));
    } else if (backends.size() > 1) {
      out.add(Diagnostic.error(g.id(), "Ingress " + backends.get(1).ingressKey(), "spec.defaultBackend",
          "more than one Ingress of the group sets a default backend on port " + port + ": "
              + String.join(", ", backends.stream().map(ListenerDefaultAction::ingressKey).toList()),
          "keep spec.defaultBackend on one Ingress of the group", rule));
      return out;
    } else if (backends.size() == 1) {
      defaultAction = backends.get(0).action();
      // authentication / jwt-validation of the default backend, on HTTPS listeners (auth.drl)
      Auth.PreActions pre = "HTTPS".equals(protocol) ? Auth.of(preActions, backends.get(0).ingressKey(), -1) : null;
      if (pre != null && pre.problem() == null) {
        before.addAll(pre.actions());
      }
    } else {
      defaultAction = noMatchAction;
    }
    List<Map<String, Object>> defaultCert = certArns.isEmpty() ? null : List.of(Map.of("CertificateArn", certArns.get(0)));
    List<Map<String, Object>> sni = null;
    if (certArns.size() > 1) {
      sni = new ArrayList<>();
      for (Object a : certArns.subList(1, certArns.size())) {
        sni.add(Map.of("CertificateArn", a));
      }
    }
    Map<String, String> tags = cfg.gate("ListenerRulesTagging")
        ? Tags.of(gs, groupScope, cfg.clusterName(), g.id(), String.valueOf(port))
        : null;
    List<Action> actions = new ArrayList<>();
    before.forEach(a -> actions.add(a.withOrder(actions.size() + 1)));
    actions.add(defaultAction.withOrder(actions.size() + 1));
    // mutual TLS only on HTTPS listeners, as the reference
    Map<String, Object> mtls = "HTTPS".equals(protocol) ? ListenerSettings.mutualAuthentication(gs, listenPorts, port) : null;
    out.add(new ListenerIntent(g.id(), Ref.to("LoadBalancer"), port, protocol, sslPolicy, defaultCert, sni,
        List.copyOf(actions), mtls, ListenerSettings.attributes(gs, listenPorts, protocol, port), tags));
    return out;
  }
}
