package dev.albc.controller;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.ServiceFact;
import dev.albc.rules.api.Ann;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the rules read of one group member and of what it refers to: the Ingress's annotations
 * (without albc's own {@code albc.dev/*}), class name, backends, rules and TLS; the Services of its
 * namespace it names (backends and {@code actions.*}); its IngressClass and IngressClassParams; its
 * Namespace when those parameters select namespaces. Kept by albc, as JSON in the Ingress's
 * {@value #ANNOTATION} annotation, for the member's last valid version, so a member that turns
 * invalid is planned as it was (docs/controller.md "A bad member does not block its group").
 * Equal inputs = the member did not change since.
 */
public record MemberInputs(
    Map<String, String> annotations,
    String ingressClassName,
    IngressFact.BackendFact defaultBackend,
    List<IngressFact.RuleFact> rules,
    List<IngressFact.TlsFact> tls,
    List<ServiceFact> services,
    IngressClassFact ingressClass,
    IngressClassParamsFact params,
    NamespaceFact namespace) {

  /** The annotation holding a member's last valid inputs. */
  public static final String ANNOTATION = Triggers.OWN_ANNOTATIONS + "last-valid";

  static final ObjectMapper JSON = JsonMapper.builder()
      .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
      .build();

  public MemberInputs {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    rules = rules == null ? List.of() : List.copyOf(rules);
    tls = tls == null ? List.of() : List.copyOf(tls);
    services = services == null ? List.of() : List.copyOf(services);
  }

  /** The member's inputs now, from the group's Kubernetes facts ({@code FactStore.forGroup}). */
  public static MemberInputs of(IngressFact i, List<Object> facts) {
    Map<String, String> ann = new TreeMap<>();
    i.annotations().forEach((k, v) -> {
      if (!k.startsWith(Triggers.OWN_ANNOTATIONS)) {
        ann.put(k, v);
      }
    });
    List<ServiceFact> svcs = new ArrayList<>();
    IngressClassFact cls = null;
    IngressClassFact dflt = null;
    int defaults = 0;
    for (Object o : facts) {
      if (o instanceof ServiceFact s && s.namespace().equals(i.namespace()) && Membership.refersTo(i, s.name())) {
        svcs.add(new ServiceFact(s.namespace(), s.name(), s.uid(), s.type(), s.annotations(), s.ports(),
            s.ipFamilies(), null)); // the selector is the targets' business, not the rules'
      } else if (o instanceof IngressClassFact c) {
        if (c.name().equals(i.ingressClassName())) {
          cls = c;
        }
        if (c.isDefault()) {
          dflt = c;
          defaults++;
        }
      }
    }
    if (i.ingressClassName() == null && i.annotation(Ann.INGRESS_CLASS) == null && defaults == 1) {
      cls = dflt;
    }
    IngressClassParamsFact params = null;
    NamespaceFact ns = null;
    if (cls != null && cls.hasParams()) {
      for (Object o : facts) {
        if (o instanceof IngressClassParamsFact p && p.name().equals(cls.paramsName())) {
          params = p;
        }
      }
    }
    if (params != null && params.namespaceSelector() != null) {
      for (Object o : facts) {
        if (o instanceof NamespaceFact n && n.name().equals(i.namespace())) {
          ns = n;
        }
      }
    }
    svcs.sort(Comparator.comparing(ServiceFact::name));
    return new MemberInputs(ann, i.ingressClassName(), i.defaultBackend(), i.rules(), i.tls(), svcs, cls, params,
        ns);
  }

  /** The Ingress as these inputs describe it, with the identity, finalizers and labels of {@code now}. */
  public IngressFact asFact(IngressFact now) {
    Map<String, String> ann = new TreeMap<>(annotations);
    now.annotations().forEach((k, v) -> {
      if (k.startsWith(Triggers.OWN_ANNOTATIONS)) {
        ann.put(k, v);
      }
    });
    return new IngressFact(now.namespace(), now.name(), now.uid(), ingressClassName, ann, now.labels(),
        defaultBackend, rules, tls, now.finalizers(), now.deleting());
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("member inputs not writable as JSON", e);
    }
  }

  /** The inputs in an annotation's value; null when absent or unreadable (then the member has none). */
  public static MemberInputs fromJson(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return JSON.readValue(json, MemberInputs.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
