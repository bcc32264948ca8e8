package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.facts.ControllerSettings;
import dev.albc.intents.Intent;
import dev.albc.intents.ListenerIntent;
import dev.albc.intents.ListenerRuleIntent;
import dev.albc.intents.LoadBalancerIntent;
import dev.albc.intents.SecurityGroupIntent;
import dev.albc.intents.TargetGroupBindingIntent;
import dev.albc.intents.TargetGroupIntent;
import dev.albc.observe.ObservedResource;
import dev.albc.observe.ObservedStack;
import dev.albc.desired.DesiredStateBuilder;
import dev.albc.desired.DesiredState;
import dev.albc.sources.FactInputs;
import dev.albc.desired.DesiredJson;
import dev.albc.rules.RuleCompiler;
import dev.albc.rules.RuleRunner;
import dev.albc.sources.InputText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support: plans from manifest text (offline rules), and the AWS state those intents would
 * leave once applied (what DescribeLoadBalancers & co. would answer), to be mutated by a test.
 */
final class Simulated {
  static final RuleRunner RUNNER = new RuleRunner(RuleCompiler.loadBuiltin());
  static final String VPC = "vpc-0123456789abcdef0";
  static final String ARN = "arn:aws:elasticloadbalancing:us-west-2:111122223333:";

  private Simulated() {}

  static DesiredState plan(String manifests, String awsJson) {
    return plan(manifests, List.of(awsJson));
  }

  static DesiredState plan(String manifests, List<String> awsJsons) {
    return plan(manifests, awsJsons, null);
  }

  /** With these feature gates on top of the defaults (null: the defaults). */
  static DesiredState plan(String manifests, List<String> awsJsons, Map<String, Boolean> gates) {
    ControllerSettings s = new ControllerSettings("demo", VPC, "us-west-2", null, null, null, null, null, gates, true,
        null, true, true);
    List<Object> facts = FactInputs.facts(List.of(new InputText("test.yaml", manifests)),
        awsJsons.stream().map(j -> new InputText("aws.json", j)).toList(), VPC);
    return new DesiredStateBuilder(RUNNER).plan(s, facts, false).plan();
  }

  static DesiredState.DesiredGroup group(DesiredState p, String id) {
    return p.groups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
  }

  /** The state AWS would hold after these intents were applied; bindings when {@code withBindings}. */
  static ObservedStack applied(DesiredState.DesiredGroup g, boolean withBindings) {
    Map<String, String> refs = new HashMap<>();
    for (Intent i : g.resources()) {
      refs.put(i.resourceId(), id(i));
    }
    List<ObservedResource> lbs = new ArrayList<>();
    List<ObservedResource> listeners = new ArrayList<>();
    List<ObservedResource> rules = new ArrayList<>();
    List<ObservedResource> tgs = new ArrayList<>();
    List<ObservedResource> sgs = new ArrayList<>();
    List<ObservedResource> tgbs = new ArrayList<>();
    ObservedResource backend = null;
    for (Intent i : g.resources()) {
      ObjectNode body = (ObjectNode) JsonMatch.resolve(Requests.json(i), refs);
      body.remove("Tags");
      String arn = refs.get(i.resourceId());
      if (i instanceof SecurityGroupIntent s) {
        body.put("GroupId", arn);
        ObservedResource r = new ObservedResource(s.kind(), arn, s.groupName(), s.tags(), body, null, null);
        if (SecurityGroupIntent.BACKEND.equals(s.id())) {
          backend = r;
        } else {
          sgs.add(r);
        }
      } else if (i instanceof TargetGroupIntent t) {
        body.remove("Attributes");
        body.put("TargetGroupArn", arn);
        tgs.add(new ObservedResource(t.kind(), arn, t.name(), t.tags(), body,
            t.attributes() == null || t.attributes().isEmpty() ? null : t.attributes(), null));
      } else if (i instanceof LoadBalancerIntent l) {
        body.remove("Attributes");
        ArrayNode zones = body.putArray("AvailabilityZones");
        body.remove("Subnets");
        body.remove("SubnetMappings");
        for (String s : l.subnetIds()) {
          zones.addObject().put("SubnetId", s);
        }
        body.put("LoadBalancerArn", arn);
        body.put("DNSName", l.name() + "-1.us-west-2.elb.amazonaws.com");
        // AWS reports a reservation by DescribeCapacityReservation, which the observer reads into the body
        JsonNode capacity = body.remove("MinimumLoadBalancerCapacity");
        if (capacity != null) {
          ObjectNode reservation = body.putObject(dev.albc.observe.Observer.CAPACITY_RESERVATION);
          reservation.set("MinimumLoadBalancerCapacity", capacity);
          reservation.putArray("CapacityReservationState").addObject().putObject("State").put("Code", "provisioned");
        }
        lbs.add(new ObservedResource(l.kind(), arn, l.name(), l.tags(), body,
            l.attributes() == null || l.attributes().isEmpty() ? null : l.attributes(), null));
      } else if (i instanceof ListenerIntent l) {
        body.put("ListenerArn", arn);
        if (!body.has("SniCertificates") && "HTTPS".equals(l.protocol())) {
          body.putArray("SniCertificates");
        }
        listeners.add(new ObservedResource(l.kind(), arn, String.valueOf(l.port()), l.tags(), body, null,
            refs.get(l.loadBalancerArn() == null ? LoadBalancerIntent.RESOURCE_ID : l.loadBalancerArn().ref())));
      } else if (i instanceof ListenerRuleIntent r) {
        body.put("RuleArn", arn);
        body.put("Priority", String.valueOf(r.priority()));
        rules.add(new ObservedResource(r.kind(), arn, String.valueOf(r.priority()), r.tags(), body, null,
            refs.get(String.valueOf(r.port()))));
      } else if (i instanceof TargetGroupBindingIntent b) {
        ObjectNode obj = (ObjectNode) JsonMatch.resolve(BindingChanges.bindingObject(b), refs);
        tgbs.add(new ObservedResource(b.kind(), b.namespace() + "/" + b.name(), b.name(), b.labels(), obj, null, null));
      }
    }
    return new ObservedStack(g.id(), lbs, listeners, rules, tgs, sgs, backend, Map.of(), Map.of(), null,
        withBindings ? tgbs : null, List.of());
  }

  static String id(Intent i) {
    String slug = i.resourceId().replaceAll("[^A-Za-z0-9]", "");
    return switch (i.kind()) {
      case SecurityGroupIntent.KIND -> "sg-" + slug.toLowerCase();
      case TargetGroupIntent.KIND -> ARN + "targetgroup/" + slug + "/1";
      case LoadBalancerIntent.KIND -> ARN + "loadbalancer/app/" + slug + "/1";
      case ListenerIntent.KIND -> ARN + "listener/app/lb/1/" + slug;
      case ListenerRuleIntent.KIND -> ARN + "listener-rule/app/lb/1/l/" + slug;
      default -> "x-" + slug;
    };
  }

  static String json(Object o) {
    return DesiredJson.JSON.valueToTree(o).toString();
  }
}
