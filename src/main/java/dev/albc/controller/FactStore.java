package dev.albc.controller;

import dev.albc.facts.IngressClassFact;
import dev.albc.facts.IngressClassParamsFact;
import dev.albc.facts.IngressFact;
import dev.albc.facts.NamespaceFact;
import dev.albc.facts.SecretFact;
import dev.albc.facts.ServiceFact;
import dev.albc.rules.lib.Classes;
import dev.albc.sources.ClusterFacts;
import io.kubernetes.client.openapi.models.V1Ingress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes facts the informers have seen, already mapped (by {@link Informers}, through the
 * same MapStruct mappers as manifests and {@code ClusterReader}), so a reconcile never lists the
 * cluster. Thread-safe: informers write, workers read. The raw Ingress is kept too, for its status.
 * See docs/controller.md "Fact store".
 */
public final class FactStore implements dev.albc.live.KubeFacts {
  private final String ingressClass;
  private final Map<String, IngressFact> ingresses = new ConcurrentHashMap<>();
  private final Map<String, V1Ingress> rawIngresses = new ConcurrentHashMap<>();
  private final Map<String, ServiceFact> services = new ConcurrentHashMap<>();
  private final Map<String, IngressClassFact> classes = new ConcurrentHashMap<>();
  private final Map<String, IngressClassParamsFact> params = new ConcurrentHashMap<>();
  private final Map<String, NamespaceFact> namespaces = new ConcurrentHashMap<>();
  private final Set<String> bindings = ConcurrentHashMap.newKeySet();
  private final Map<String, SecretFact> secrets = new ConcurrentHashMap<>();

  /** @param ingressClass {@code --ingress-class} */
  public FactStore(String ingressClass) {
    this.ingressClass = ingressClass == null ? "alb" : ingressClass;
  }

  // --- written by the informers -------------------------------------------------------------

  public void putIngress(V1Ingress raw, IngressFact f) {
    ingresses.put(f.key(), f);
    rawIngresses.put(f.key(), raw);
  }

  public void removeIngress(String key) {
    ingresses.remove(key);
    rawIngresses.remove(key);
  }

  public void putService(ServiceFact f) {
    services.put(f.key(), f);
  }

  public void removeService(String key) {
    services.remove(key);
  }

  public void putClass(IngressClassFact f) {
    classes.put(f.name(), f);
  }

  public void removeClass(String name) {
    classes.remove(name);
  }

  public void putParams(IngressClassParamsFact f) {
    params.put(f.name(), f);
  }

  public void removeParams(String name) {
    params.remove(name);
  }

  public void putNamespace(NamespaceFact f) {
    namespaces.put(f.name(), f);
  }

  public void removeNamespace(String name) {
    namespaces.remove(name);
  }

  public void putSecret(SecretFact f) {
    secrets.put(f.key(), f);
  }

  public void removeSecret(String key) {
    secrets.remove(key);
  }

  public void putBinding(String key) {
    bindings.add(key);
  }

  public void removeBinding(String key) {
    bindings.remove(key);
  }

  // --- read by the queue and the reconcile ----------------------------------------------------

  /** The class checks over the classes and parameters seen now. */
  public Membership membership() {
    return new Membership(ingressClass, Map.copyOf(classes), Map.copyOf(params));
  }

  public IngressFact ingress(String key) {
    return ingresses.get(key);
  }

  public V1Ingress rawIngress(String key) {
    return rawIngresses.get(key);
  }

  public SecretFact secret(String key) {
    return secrets.get(key);
  }

  /** Every Ingress and Service seen (which Secrets they name: {@link SecretWatches}). */
  List<IngressFact> ingresses() {
    return List.copyOf(ingresses.values());
  }

  List<ServiceFact> services() {
    return List.copyOf(services.values());
  }

  /** Groups whose Ingresses, or the Services of their namespace, name the Secret ({@code ns/name}) in auth-idp-oidc. */
  public Set<String> groupsUsingSecret(String key) {
    Membership m = membership();
    Set<String> out = new TreeSet<>();
    String ns = key.substring(0, key.indexOf('/'));
    List<ServiceFact> nsServices = services.values().stream().filter(s -> s.namespace().equals(ns)).toList();
    for (IngressFact i : ingresses.values()) {
      if (i.namespace().equals(ns) && dev.albc.sources.SecretFacts.referenced(List.of(i), nsServices).contains(key)) {
        out.addAll(m.groupsNamedBy(i));
      }
    }
    return out;
  }

  public IngressClassFact ingressClass(String name) {
    return classes.get(name);
  }

  /** Counts by kind, for {@code awslbc_controller_cache_object_total}. */
  public Map<String, Integer> sizes() {
    return Map.of("ingress", ingresses.size(), "service", services.size(), "targetgroupbinding", bindings.size());
  }

  /** Every fact, sorted as {@link ClusterFacts} sorts them. */
  @Override
  public List<Object> all() {
    return new ClusterFacts(List.copyOf(ingresses.values()), List.copyOf(services.values()),
        List.copyOf(classes.values()), List.copyOf(params.values()), List.copyOf(namespaces.values()),
        List.copyOf(secrets.values())).all();
  }

  /** Every group named by an Ingress now (current groups and finalizer groups). */
  public SortedSet<String> groupIds() {
    Membership m = membership();
    SortedSet<String> out = new TreeSet<>();
    ingresses.values().forEach(i -> out.addAll(m.groupsNamedBy(i)));
    return out;
  }

  /** The group's active members, by namespace/name. */
  public List<IngressFact> activeMembers(String groupId) {
    Membership m = membership();
    return sorted(ingresses.values().stream().filter(i -> groupId.equals(m.groupOf(i))).toList());
  }

  /**
   * Ingresses holding the group's finalizer that are not its active members (being deleted, moved
   * to another group or class): their finalizer goes once the group is reconciled without them.
   */
  public List<IngressFact> inactiveMembers(String groupId) {
    Membership m = membership();
    return sorted(ingresses.values().stream()
        .filter(i -> Classes.finalizerGroups(i).contains(groupId) && !groupId.equals(m.groupOf(i)))
        .toList());
  }

  /**
   * The facts one group's rules need: its active members and the members being deleted that still
   * hold its finalizer (the deletion-protection rule reads them), the Services and Namespaces of
   * their namespaces, every IngressClass and IngressClassParams.
   */
  @Override
  public List<Object> forGroup(String groupId) {
    List<IngressFact> members = new ArrayList<>(activeMembers(groupId));
    inactiveMembers(groupId).stream().filter(IngressFact::deleting).forEach(members::add);
    Set<String> nss = new TreeSet<>();
    members.forEach(i -> nss.add(i.namespace()));
    List<ServiceFact> svcs = services.values().stream().filter(s -> nss.contains(s.namespace())).toList();
    List<NamespaceFact> ns = namespaces.values().stream().filter(n -> nss.contains(n.name())).toList();
    List<SecretFact> sec = secrets.values().stream().filter(s -> nss.contains(s.namespace())).toList();
    return new ClusterFacts(members, svcs, List.copyOf(classes.values()), List.copyOf(params.values()), ns, sec).all();
  }

  /** Groups of the Ingresses of that namespace that refer to the Service. */
  public Set<String> groupsUsingService(String namespace, String name) {
    Membership m = membership();
    Set<String> out = new TreeSet<>();
    ingresses.values().stream().filter(i -> i.namespace().equals(namespace) && Membership.refersTo(i, name))
        .forEach(i -> out.addAll(m.groupsNamedBy(i)));
    return out;
  }

  /** Groups of the Ingresses that use the class (by name, or as their default when it is or was one). */
  public Set<String> groupsUsingClass(IngressClassFact c, boolean wasDefault, Membership before) {
    Membership now = membership();
    Set<String> out = new TreeSet<>();
    ingresses.values().stream().filter(i -> Membership.usesClass(i, c, wasDefault)).forEach(i -> {
      out.addAll(now.groupsNamedBy(i));
      out.addAll(before.groupsNamedBy(i));
    });
    return out;
  }

  /** Groups of the Ingresses whose class names these parameters. */
  public Set<String> groupsUsingParams(String paramsName, Membership before) {
    Set<String> out = new TreeSet<>();
    for (IngressClassFact c : classes.values()) {
      if (paramsName.equals(c.paramsName())) {
        out.addAll(groupsUsingClass(c, c.isDefault(), before));
      }
    }
    return out;
  }

  /** Groups of the Ingresses in that namespace (its labels feed IngressClassParams namespaceSelector). */
  public Set<String> groupsInNamespace(String namespace) {
    Membership m = membership();
    Set<String> out = new TreeSet<>();
    ingresses.values().stream().filter(i -> i.namespace().equals(namespace)).forEach(i -> out.addAll(m.groupsNamedBy(i)));
    return out;
  }

  private static List<IngressFact> sorted(List<IngressFact> in) {
    return in.stream().sorted(Comparator.comparing(IngressFact::key)).toList();
  }
}
