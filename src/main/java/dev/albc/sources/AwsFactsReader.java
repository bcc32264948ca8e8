package dev.albc.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.facts.CertificateFact;
import dev.albc.facts.LoadBalancerFact;
import dev.albc.facts.LookupMiss;
import dev.albc.facts.RouteTableFact;
import dev.albc.facts.SecurityGroupFact;
import dev.albc.facts.SslPoliciesFact;
import dev.albc.facts.SubnetFact;
import dev.albc.facts.TargetGroupFact;
import dev.albc.facts.TrustStoreFact;
import dev.albc.facts.WebAclFact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads AWS facts from JSON exactly as the AWS CLI prints it. Each document is recognised by its
 * top-level keys, and one document may hold several:
 *
 * <ul>
 *   <li>{@code Subnets} — {@code aws ec2 describe-subnets}
 *   <li>{@code RouteTables} — {@code aws ec2 describe-route-tables}
 *   <li>{@code SecurityGroups} — {@code aws ec2 describe-security-groups}
 *   <li>{@code CertificateSummaryList} — {@code aws acm list-certificates}
 *   <li>{@code Certificate} — {@code aws acm describe-certificate} (overrides the summary of the same
 *       ARN; its {@code CertificateAuthorityArn} is the issuing private CA)
 *   <li>{@code LoadBalancers} — {@code aws elbv2 describe-load-balancers}, with
 *       {@code TagDescriptions} — {@code aws elbv2 describe-tags} — giving their tags
 *   <li>{@code TargetGroups} — {@code aws elbv2 describe-target-groups}
 *   <li>{@code WebACLs} — {@code aws wafv2 list-web-acls --scope REGIONAL}
 *   <li>{@code SslPolicies} — {@code aws elbv2 describe-ssl-policies}: the account's policy names
 *       ({@link SslPoliciesFact}; with it an {@code ssl-policy} the account lacks is an error)
 *   <li>{@code TrustStores} — {@code aws elbv2 describe-trust-stores}: the trust stores a
 *       {@code mutual-authentication} names ({@link TrustStoreFact})
 * </ul>
 *
 * {@code NextToken} and {@code NextMarker} (printed with {@code --max-items}) are accepted and
 * ignored; any other key is an
 * {@link InputException}. Fields the facts do not use are ignored. With a VPC id, subnets, route
 * tables and security groups of other VPCs are dropped. The same resource in two documents must be
 * identical. A {@code TargetGroups}, {@code WebACLs} or {@code TrustStores} document is taken as the account's whole list
 * of that kind: a name not in it is "not found" ({@link LookupMiss}), not a look-up.
 */
public final class AwsFactsReader {

  /** The top-level keys this reader understands. */
  public static final Set<String> KEYS =
      Set.of("Subnets", "RouteTables", "SecurityGroups", "CertificateSummaryList", "Certificate",
          "LoadBalancers", "TagDescriptions", "TargetGroups", "WebACLs", "SslPolicies", "TrustStores");

  private static final Set<String> IGNORED_KEYS = Set.of("NextToken", "NextMarker");
  private static final String ASSOCIATED = "associated";

  private final String vpcId;

  /** A reader that keeps the facts of every VPC. */
  public AwsFactsReader() {
    this(null);
  }

  /** A reader that keeps only the facts of {@code vpcId} (null or empty: every VPC). */
  public AwsFactsReader(String vpcId) {
    this.vpcId = vpcId == null || vpcId.isEmpty() ? null : vpcId;
  }

  /** Reads files and folders (recursively: *.json, in path order). */
  public AwsFacts read(Path... paths) {
    return read(List.of(paths));
  }

  /** Reads files and folders (recursively: *.json, in path order). */
  public AwsFacts read(Collection<Path> paths) {
    return load(InputText.read(paths, InputText.JSON_EXTENSIONS));
  }

  /** Reads one in-memory text; origin names it in error messages. */
  public AwsFacts readText(String origin, String text) {
    return load(List.of(new InputText(origin, text)));
  }

  /** Reads texts in order. */
  public AwsFacts load(List<InputText> inputs) {
    Run run = new Run();
    for (InputText in : inputs) {
      for (Documents.Doc d : Documents.parse(in)) {
        if (d.node() != null) {
          run.document(in.origin() + " document " + d.index(), d.node());
        }
      }
    }
    return run.result();
  }

  /**
   * Reads documents already parsed, in order — the SDK's objects in the AWS CLI's shape
   * ({@code dev.albc.aws.SdkJson#cliOutput}), so facts read from the account are mapped here too;
   * {@code origin} names them in error messages.
   */
  public AwsFacts readJson(String origin, List<? extends JsonNode> documents) {
    Run run = new Run();
    for (int i = 0; i < documents.size(); i++) {
      run.document(origin + " document " + (i + 1), documents.get(i));
    }
    return run.result();
  }

  /** A fact and where it was read, for duplicate checks. */
  private record Seen<T>(T fact, String where) {}

  private final class Run {
    final Map<String, Seen<SubnetFact>> subnets = new LinkedHashMap<>();
    final Map<String, Seen<RouteTableFact>> routeTables = new LinkedHashMap<>();
    final Map<String, Seen<SecurityGroupFact>> securityGroups = new LinkedHashMap<>();
    final Map<String, Seen<CertificateFact>> summaries = new LinkedHashMap<>();
    final Map<String, Seen<CertificateFact>> certificates = new LinkedHashMap<>();
    final Set<String> sslPolicies = new TreeSet<>();
    final Map<String, Seen<LoadBalancerFact>> loadBalancers = new LinkedHashMap<>();
    final Map<String, Seen<Map<String, String>>> tagsByArn = new LinkedHashMap<>();
    final Map<String, Seen<TargetGroupFact>> targetGroups = new LinkedHashMap<>();
    final Map<String, Seen<WebAclFact>> webAcls = new LinkedHashMap<>();
    final Map<String, Seen<TrustStoreFact>> trustStores = new LinkedHashMap<>();
    final Set<String> listed = new TreeSet<>();

    AwsFacts result() {
      Map<String, CertificateFact> certs = new TreeMap<>();
      summaries.forEach((arn, s) -> certs.put(arn, s.fact()));
      certificates.forEach((arn, s) -> certs.put(arn, s.fact()));
      List<LoadBalancerFact> lbs = new ArrayList<>();
      loadBalancers.forEach((arn, s) -> {
        Seen<Map<String, String>> t = tagsByArn.get(arn);
        lbs.add(t == null ? s.fact() : s.fact().withTags(t.fact()));
      });
      return new AwsFacts(facts(subnets), facts(routeTables), facts(securityGroups), List.copyOf(certs.values()),
          lbs, facts(webAcls), facts(targetGroups), listed,
          sslPolicies.isEmpty() ? null : new SslPoliciesFact(List.copyOf(sslPolicies)), facts(trustStores));
    }

    void document(String doc, JsonNode node) {
      if (!node.isObject()) {
        throw new InputException(
            doc + ": expected AWS CLI JSON output (an object with one of the keys "
                + known() + "), got " + ModelCheck.describe(node));
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String key = e.getKey();
        JsonNode v = e.getValue();
        switch (key) {
          case "Subnets" -> each(doc, key, v, (n, p) -> add(subnets, doc, p, "subnet", subnet(doc, n, p)));
          case "RouteTables" -> each(doc, key, v,
              (n, p) -> add(routeTables, doc, p, "route table", routeTable(doc, n, p)));
          case "SecurityGroups" -> each(doc, key, v,
              (n, p) -> add(securityGroups, doc, p, "security group", securityGroup(doc, n, p)));
          case "CertificateSummaryList" -> each(doc, key, v,
              (n, p) -> add(summaries, doc, p, "certificate", certificate(doc, n, p, true)));
          case "SslPolicies" -> each(doc, key, v,
              (n, p) -> sslPolicies.add(string(doc, n, p, "Name", true)));
          case "Certificate" -> {
            if (!v.isObject()) {
              throw new InputException(
                  doc + ": Certificate: expected an object, got " + ModelCheck.describe(v));
            }
            add(certificates, doc, key, "certificate", certificate(doc, v, key, false));
          }
          case "LoadBalancers" -> each(doc, key, v,
              (n, p) -> add(loadBalancers, doc, p, "load balancer", loadBalancer(doc, n, p)));
          case "TagDescriptions" -> each(doc, key, v, (n, p) -> {
            String arn = string(doc, n, p, "ResourceArn", true);
            Seen<Map<String, String>> first = tagsByArn.putIfAbsent(arn, new Seen<>(tags(doc, n, p), doc + " " + p));
            if (first != null && !first.fact().equals(tags(doc, n, p))) {
              throw new InputException(doc + ": " + p + ": the tags of " + arn + " differ from those in "
                  + first.where() + "; expected the same tags (or only one of them)");
            }
          });
          case "TargetGroups" -> {
            listed.add(LookupMiss.TARGET_GROUP);
            each(doc, key, v, (n, p) -> add(targetGroups, doc, p, "target group",
                new TargetGroupFact(string(doc, n, p, "TargetGroupName", true), string(doc, n, p, "TargetGroupArn", true))));
          }
          case "WebACLs" -> {
            listed.add(LookupMiss.WEB_ACL);
            each(doc, key, v, (n, p) -> add(webAcls, doc, p, "web ACL",
                new WebAclFact(string(doc, n, p, "Name", true), string(doc, n, p, "Id", false),
                    string(doc, n, p, "ARN", true))));
          }
          case "TrustStores" -> {
            listed.add(LookupMiss.TRUST_STORE);
            each(doc, key, v, (n, p) -> add(trustStores, doc, p, "trust store",
                new TrustStoreFact(string(doc, n, p, "Name", true), string(doc, n, p, "TrustStoreArn", true))));
          }
          default -> {
            if (!IGNORED_KEYS.contains(key)) {
              throw new InputException(
                  doc + ": unknown top-level key \"" + key + "\"; expected one of: " + known());
            }
          }
        }
      }
    }

    private <T> void add(Map<String, Seen<T>> map, String doc, String path, String what, T fact) {
      if (fact == null) {
        return; // another VPC
      }
      String id = idOf(fact);
      String where = doc + " " + path;
      Seen<T> first = map.putIfAbsent(id, new Seen<>(fact, where));
      if (first != null && !first.fact().equals(fact)) {
        throw new InputException(
            doc + ": " + path + ": " + what + " " + id + " differs from the one in " + first.where()
                + "; expected the same contents (or only one of them)");
      }
    }
  }

  private static String idOf(Object fact) {
    if (fact instanceof SubnetFact s) {
      return s.id();
    }
    if (fact instanceof RouteTableFact r) {
      return r.id();
    }
    if (fact instanceof SecurityGroupFact g) {
      return g.id();
    }
    if (fact instanceof LoadBalancerFact lb) {
      return lb.arn();
    }
    if (fact instanceof TargetGroupFact tg) {
      return tg.name();
    }
    if (fact instanceof WebAclFact w) {
      return w.name();
    }
    if (fact instanceof TrustStoreFact t) {
      return t.name();
    }
    return ((CertificateFact) fact).arn();
  }

  private static <T> List<T> facts(Map<String, Seen<T>> map) {
    return map.values().stream().map(Seen::fact).toList();
  }

  private interface Item {
    void accept(JsonNode node, String path);
  }

  private static void each(String doc, String key, JsonNode list, Item item) {
    if (list.isNull()) {
      return;
    }
    if (!list.isArray()) {
      throw new InputException(doc + ": " + key + ": expected a list, got " + ModelCheck.describe(list));
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String p = key + "[" + i + "]";
      if (!n.isObject()) {
        throw new InputException(doc + ": " + p + ": expected an object, got " + ModelCheck.describe(n));
      }
      item.accept(n, p);
    }
  }

  private boolean otherVpc(String vpc) {
    return vpcId != null && !vpcId.equals(vpc);
  }

  private SubnetFact subnet(String doc, JsonNode n, String p) {
    String vpc = string(doc, n, p, "VpcId", true);
    String id = string(doc, n, p, "SubnetId", true);
    String az = string(doc, n, p, "AvailabilityZone", true);
    String azId = string(doc, n, p, "AvailabilityZoneId", false);
    int ips = integer(doc, n, p, "AvailableIpAddressCount");
    Map<String, String> tags = tags(doc, n, p);
    List<String> ipv6 = new ArrayList<>();
    List<JsonNode> assocs = objects(doc, n, p, "Ipv6CidrBlockAssociationSet");
    for (int i = 0; i < assocs.size(); i++) {
      JsonNode a = assocs.get(i);
      String ap = p + ".Ipv6CidrBlockAssociationSet[" + i + "]";
      String cidr = string(doc, a, ap, "Ipv6CidrBlock", true);
      if (ASSOCIATED.equals(state(doc, a, ap, "Ipv6CidrBlockState"))) {
        ipv6.add(cidr);
      }
    }
    String outpost = string(doc, n, p, "OutpostArn", false);
    if (otherVpc(vpc)) {
      return null;
    }
    return new SubnetFact(id, vpc, az, azId, tags, ips, ipv6, outpost);
  }

  private RouteTableFact routeTable(String doc, JsonNode n, String p) {
    String id = string(doc, n, p, "RouteTableId", true);
    String vpc = string(doc, n, p, "VpcId", true);
    boolean main = false;
    Set<String> subnetIds = new TreeSet<>();
    List<JsonNode> assocs = objects(doc, n, p, "Associations");
    for (int i = 0; i < assocs.size(); i++) {
      JsonNode a = assocs.get(i);
      String ap = p + ".Associations[" + i + "]";
      String state = state(doc, a, ap, "AssociationState");
      if (state != null && !ASSOCIATED.equals(state)) {
        continue; // associating, disassociating, disassociated, failed
      }
      main |= bool(doc, a, ap, "Main");
      String subnet = string(doc, a, ap, "SubnetId", false);
      if (subnet != null) {
        subnetIds.add(subnet);
      }
    }
    List<String> gateways = new ArrayList<>();
    List<JsonNode> routes = objects(doc, n, p, "Routes");
    for (int i = 0; i < routes.size(); i++) {
      String g = string(doc, routes.get(i), p + ".Routes[" + i + "]", "GatewayId", false);
      if (g != null && !gateways.contains(g)) {
        gateways.add(g);
      }
    }
    if (otherVpc(vpc)) {
      return null;
    }
    return new RouteTableFact(id, vpc, main, List.copyOf(subnetIds), gateways);
  }

  private SecurityGroupFact securityGroup(String doc, JsonNode n, String p) {
    String id = string(doc, n, p, "GroupId", true);
    String vpc = string(doc, n, p, "VpcId", true);
    String name = string(doc, n, p, "GroupName", false);
    Map<String, String> tags = tags(doc, n, p);
    if (otherVpc(vpc)) {
      return null;
    }
    return new SecurityGroupFact(id, vpc, name, tags);
  }

  private static CertificateFact certificate(String doc, JsonNode n, String p, boolean summary) {
    String arn = string(doc, n, p, "CertificateArn", true);
    String domain = string(doc, n, p, "DomainName", false);
    String sansKey = summary ? "SubjectAlternativeNameSummaries" : "SubjectAlternativeNames";
    List<String> sans = strings(doc, n, p, sansKey);
    String status = string(doc, n, p, "Status", false);
    String type = string(doc, n, p, "Type", false);
    String ca;
    if (summary) {
      // a summary does not name the CA: known to be none only for Amazon-issued and imported ones
      ca = "AMAZON_ISSUED".equals(type) || "IMPORTED".equals(type) ? "" : null;
    } else {
      ca = java.util.Objects.requireNonNullElse(string(doc, n, p, "CertificateAuthorityArn", false), "");
    }
    return new CertificateFact(arn, domain, sans, status, type, ca);
  }

  /** {@code LoadBalancers[i]}: its subnets from {@code AvailabilityZones[].SubnetId}, in that order. */
  private LoadBalancerFact loadBalancer(String doc, JsonNode n, String p) {
    String arn = string(doc, n, p, "LoadBalancerArn", true);
    String name = string(doc, n, p, "LoadBalancerName", false);
    String type = string(doc, n, p, "Type", false);
    String scheme = string(doc, n, p, "Scheme", false); // absent: never the same scheme, so never reused
    String vpc = string(doc, n, p, "VpcId", false);
    List<String> subnets = new ArrayList<>();
    List<JsonNode> zones = objects(doc, n, p, "AvailabilityZones");
    for (int i = 0; i < zones.size(); i++) {
      String s = string(doc, zones.get(i), p + ".AvailabilityZones[" + i + "]", "SubnetId", false);
      if (s != null) {
        subnets.add(s);
      }
    }
    if (vpc != null && otherVpc(vpc)) {
      return null;
    }
    return new LoadBalancerFact(arn, name, type, scheme, vpc, subnets, null);
  }

  // ---- field helpers: every problem names the document and the field path ----

  private static String known() {
    return String.join(", ", new TreeSet<>(KEYS));
  }

  private static InputException fieldError(String doc, String path, String field, String problem) {
    return new InputException(doc + ": " + path + "." + field + ": " + problem);
  }

  private static String string(String doc, JsonNode n, String p, String field, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new InputException(doc + ": " + p + ": missing required field \"" + field + "\"");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw fieldError(doc, p, field, "expected a string, got " + ModelCheck.describe(v));
    }
    return v.asText();
  }

  private static int integer(String doc, JsonNode n, String p, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new InputException(doc + ": " + p + ": missing required field \"" + field + "\"");
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw fieldError(doc, p, field, "expected an integer, got " + ModelCheck.describe(v));
    }
    return v.asInt();
  }

  private static boolean bool(String doc, JsonNode n, String p, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw fieldError(doc, p, field, "expected true or false, got " + ModelCheck.describe(v));
    }
    return v.asBoolean();
  }

  /** The {@code State} of a state object such as {@code Ipv6CidrBlockState}, or null. */
  private static String state(String doc, JsonNode n, String p, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw fieldError(doc, p, field, "expected an object with a State, got " + ModelCheck.describe(v));
    }
    return string(doc, v, p + "." + field, "State", false);
  }

  private static List<JsonNode> objects(String doc, JsonNode n, String p, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw fieldError(doc, p, field, "expected a list, got " + ModelCheck.describe(v));
    }
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isObject()) {
        throw fieldError(
            doc, p, field + "[" + i + "]", "expected an object, got " + ModelCheck.describe(v.get(i)));
      }
      out.add(v.get(i));
    }
    return out;
  }

  private static List<String> strings(String doc, JsonNode n, String p, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw fieldError(doc, p, field, "expected a list of strings, got " + ModelCheck.describe(v));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw fieldError(
            doc, p, field + "[" + i + "]", "expected a string, got " + ModelCheck.describe(v.get(i)));
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  /** {@code Tags: [{Key, Value}]} → a map sorted by key (a missing Value is the empty string). */
  private static Map<String, String> tags(String doc, JsonNode n, String p) {
    Map<String, String> out = new TreeMap<>();
    List<JsonNode> tags = objects(doc, n, p, "Tags");
    for (int i = 0; i < tags.size(); i++) {
      String tp = p + ".Tags[" + i + "]";
      String key = string(doc, tags.get(i), tp, "Key", true);
      String value = string(doc, tags.get(i), tp, "Value", false);
      out.put(key, Objects.requireNonNullElse(value, ""));
    }
    return out;
  }
}
