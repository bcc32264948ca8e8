package dev.albc.rules.lib;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.facts.TrustStoreFact;
import dev.albc.rules.api.Ann;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.GroupSettings;
import dev.albc.rules.api.ListenPort;
import dev.albc.rules.api.Scopes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The listener settings of listeners.drl's mutual TLS and listener attributes, as the reference
 * builds them (pkg/ingress model_build_listener.go): {@code mutual-authentication} parsed and
 * validated per port with the reference's messages, and {@code listener-attributes.<Protocol>-<Port>}
 * merged key by key across the members that listen on the port (different values = error).
 */
public final class ListenerSettings {
  private ListenerSettings() {}

  /** The setting name of one listener attribute of an Ingress: {@code listener-attribute:<Protocol>-<Port>:<key>}. */
  public static String attributePrefix(String protocolPort) {
    return "listener-attribute:" + protocolPort + ":";
  }

  /**
   * {@code mutual-authentication}: {@code [{"port":443,"mode":"off|passthrough|verify","trustStore":"arn or
   * name","ignoreClientCertificateExpiry":bool,"advertiseTrustStoreCaNames":"on|off"}]} → a map port →
   * MutualAuthenticationAttributes (API member names), {@code IgnoreClientCertificateExpiry} false by
   * default in verify mode.
   */
  public static Values.Result mutualAuthentication(String raw) {
    return mutualAuthentication(raw, List.of());
  }

  /**
   * {@link #mutualAuthentication(String)}, with each trust store given by name (not {@code arn:…})
   * replaced by the ARN of the {@link TrustStoreFact} of that name found in the account; a name
   * without one stays a name (listener-settings.drl says why).
   */
  public static Values.Result mutualAuthentication(String raw, Collection<?> trustStores) {
    String expected = "a JSON array of {\"port\": 443, \"mode\": \"off\" | \"passthrough\" | \"verify\", \"trustStore\", "
        + "\"ignoreClientCertificateExpiry\", \"advertiseTrustStoreCaNames\": \"on\" | \"off\"}";
    Values.Result j = Values.json(raw);
    if (!j.ok()) {
      return new Values.Result(null, j.error(), expected);
    }
    JsonNode n = (JsonNode) j.value();
    if (!n.isArray()) {
      return new Values.Result(null, "not a JSON array", expected);
    }
    if (n.isEmpty()) {
      return new Values.Result(null, "empty mutualAuthentication configuration from ingress annotation: `" + raw + "`",
          expected);
    }
    Map<Integer, Map<String, Object>> out = new TreeMap<>();
    try {
      for (JsonNode e : n) {
        if (!e.isObject()) {
          throw new GoJson.BadJson("each entry must be an object");
        }
        Integer port = GoJson.int32(e, "port", "");
        String mode = GoJson.str(e, "mode", "");
        String trustStore = GoJson.str(e, "trustStore", "");
        Boolean ignore = GoJson.bool(e, "ignoreClientCertificateExpiry", "");
        String advertise = GoJson.str(e, "advertiseTrustStoreCaNames", "");
        int p = port == null ? 0 : port;
        String problem = problem(p, mode == null ? "" : mode, trustStore == null ? "" : trustStore, ignore, advertise);
        if (problem != null) {
          throw new GoJson.BadJson(problem);
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("Mode", mode);
        if (trustStore != null && !trustStore.isEmpty()) {
          attrs.put("TrustStoreArn", trustStoreArn(trustStore, trustStores));
        }
        if ("verify".equals(mode)) {
          attrs.put("IgnoreClientCertificateExpiry", ignore != null && ignore);
        }
        if (advertise != null) {
          attrs.put("AdvertiseTrustStoreCaNames", advertise);
        }
        out.put(p, java.util.Collections.unmodifiableMap(attrs));
      }
    } catch (GoJson.BadJson e) {
      return new Values.Result(null, e.getMessage(), expected);
    }
    return new Values.Result(java.util.Collections.unmodifiableMap(out), null, null);
  }

  /** The ARN of a trust store given by ARN or by a name found in the account, else the name as given. */
  static String trustStoreArn(String given, Collection<?> trustStores) {
    if (given.startsWith("arn:")) {
      return given;
    }
    for (Object o : trustStores) {
      if (o instanceof TrustStoreFact t && t.name().equals(given) && t.arn() != null) {
        return t.arn();
      }
    }
    return given;
  }

  /** The reference's validateMutualAuthenticationConfig, its messages. */
  static String problem(int port, String mode, String trustStore, Boolean ignore, String advertise) {
    if (port < 1 || port > 65535) {
      return "listen port must be within [1, 65535]: " + port;
    }
    if (mode.isEmpty()) {
      return "mutualAuthentication mode cannot be empty for port " + port;
    }
    if (!List.of("off", "passthrough", "verify").contains(mode)) {
      return "mutualAuthentication mode value must be among [off, passthrough, verify] for port " + port + " : " + mode;
    }
    if (mode.equals("verify") && trustStore.isEmpty()) {
      return "trustStore is required when mutualAuthentication mode is verify for port " + port;
    }
    if (!mode.equals("verify") && !trustStore.isEmpty()) {
      return "Mutual Authentication mode " + mode + " does not support trustStore for port " + port;
    }
    if (!mode.equals("verify") && ignore != null) {
      return "Mutual Authentication mode " + mode + " does not support ignoring client certificate expiry for port " + port;
    }
    if (advertise != null) {
      if (!mode.equals("verify")) {
        return "Mutual Authentication mode " + mode + " does not support advertiseTrustStoreCaNames for port " + port;
      }
      if (!advertise.equals("on") && !advertise.equals("off")) {
        return "advertiseTrustStoreCaNames only supports the values \"on\" and \"off\" got value " + advertise
            + " for port " + port;
      }
    }
    return null;
  }

  /** The members listening on a port, in group order. */
  static List<String> members(GroupSettings gs, Collection<?> listenPorts, int port) {
    List<String> keys = new ArrayList<>();
    for (String k : gs.members()) {
      for (Object o : listenPorts) {
        if (o instanceof ListenPort lp && lp.port() == port && lp.ingressKey().equals(k) && !keys.contains(k)) {
          keys.add(k);
        }
      }
    }
    return keys;
  }

  /** The port's mutual TLS attributes (the first member's in group order that sets the port), or null. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> mutualAuthentication(GroupSettings gs, Collection<?> listenPorts, int port) {
    for (String k : members(gs, listenPorts, port)) {
      Object v = gs.value(Scopes.ingress(k), "mutual-authentication");
      if (v instanceof Map<?, ?> m && m.containsKey(port)) {
        return (Map<String, Object>) m.get(port);
      }
    }
    return null;
  }

  /** The port's listener attributes: every member's {@code listener-attributes.<Protocol>-<Port>}, merged by key. */
  public static Map<String, String> attributes(GroupSettings gs, Collection<?> listenPorts, String protocol, int port) {
    Map<String, String> out = new TreeMap<>();
    String prefix = attributePrefix(protocol + "-" + port);
    for (String k : members(gs, listenPorts, port)) {
      gs.byPrefix(Scopes.ingress(k), prefix).forEach(out::putIfAbsent);
    }
    return out.isEmpty() ? null : out;
  }

  /**
   * Members sharing a port must agree: on its mutual TLS entry (the reference compares them deeply)
   * and on each listener attribute key they both set.
   */
  @SuppressWarnings("unchecked")
  public static List<Diagnostic> conflicts(GroupSettings gs, Collection<?> listenPorts, String rule) {
    Map<Integer, String> protocols = new TreeMap<>();
    for (Object o : listenPorts) {
      ListenPort lp = (ListenPort) o;
      protocols.putIfAbsent(lp.port(), lp.protocol());
    }
    List<Diagnostic> out = new ArrayList<>();
    for (var pe : protocols.entrySet()) {
      int port = pe.getKey();
      Object firstMtls = null;
      String firstKey = null;
      Map<String, String[]> attrs = new TreeMap<>();
      for (String k : members(gs, listenPorts, port)) {
        Object v = gs.value(Scopes.ingress(k), "mutual-authentication");
        if (v instanceof Map<?, ?> m && m.containsKey(port)) {
          if (firstMtls == null) {
            firstMtls = m.get(port);
            firstKey = k;
          } else if (!firstMtls.equals(m.get(port))) {
            out.add(Diagnostic.error(gs.groupId(), "Ingress " + k, Ann.alb("mutual-authentication"),
                "conflicting mutual-authentication on port " + port + ": " + firstKey + " → " + firstMtls + ", " + k
                    + " → " + m.get(port),
                "Ingresses of a group that share a listener port must set the same mutual-authentication", rule));
          }
        }
        String protocolPort = pe.getValue() + "-" + port;
        for (var a : gs.byPrefix(Scopes.ingress(k), attributePrefix(protocolPort)).entrySet()) {
          String[] seen = attrs.get(a.getKey());
          if (seen == null) {
            attrs.put(a.getKey(), new String[] {a.getValue(), k});
          } else if (!seen[0].equals(a.getValue())) {
            out.add(Diagnostic.error(gs.groupId(), "Ingress " + k, Ann.alb("listener-attributes." + protocolPort),
                "conflicting listener attributes " + a.getKey() + ": " + seen[0] + " | " + a.getValue() + " for ingress "
                    + k,
                "Ingresses of a group that share a listener port must set the same listener attributes", rule));
          }
        }
      }
    }
    return out;
  }

  /**
   * A trust store name the account has not (a live DescribeTrustStores found none, or a
   * describe-trust-stores dump lists no such name): an error, as AWS would refuse the listener.
   */
  public static Diagnostic trustStoreNotFound(String groupId, String object, String name, String rule) {
    return Diagnostic.error(groupId, object, Ann.alb("mutual-authentication"),
        "no trust store named \"" + name + "\" in the account (DescribeTrustStores)",
        "create it (aws elbv2 create-trust-store --name " + name + "), or give an existing trust store's ARN", rule);
  }

  /**
   * A trust store name no fact resolves: not found when a listing of the account's trust stores was
   * read ({@code misses}), else a look-up ({@link dev.albc.rules.api.Lookup#TRUST_STORE}: an offline
   * plan names the dump that answers it) with an error beside it.
   */
  public static List<Object> trustStoreByName(String groupId, String object, String name, Collection<?> misses,
      String rule) {
    if (Backends.missed(misses, dev.albc.rules.api.Lookup.TRUST_STORE, name)) {
      return List.of(trustStoreNotFound(groupId, object, name, rule));
    }
    String field = Ann.alb("mutual-authentication");
    var l = new dev.albc.rules.api.Lookup(dev.albc.rules.api.Lookup.TRUST_STORE, name, groupId, object, field);
    return List.of(l, Diagnostic.error(groupId, object, field,
        "trust store \"" + name + "\" is a name: resolving it to its ARN needs a look-up in the AWS account "
            + "(DescribeTrustStores)",
        "plan with --live, give the output of `" + l.dump() + "` with --aws-facts, or give the trust store's ARN",
        rule));
  }

  /** The trust stores of a parsed mutual-authentication value given by name (not {@code arn:…}). */
  public static List<String> trustStoreNames(Map<?, ?> byPort) {
    List<String> out = new ArrayList<>();
    for (Object v : byPort.values()) {
      if (v instanceof Map<?, ?> m && m.get("TrustStoreArn") instanceof String ts && !ts.startsWith("arn:")
          && !out.contains(ts)) {
        out.add(ts);
      }
    }
    return out;
  }
}
