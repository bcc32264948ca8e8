package dev.albc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.albc.targets.Binding;
import dev.albc.targets.ClusterView;
import dev.albc.targets.Target;
import dev.albc.targets.TargetGroups;
import dev.albc.targets.TargetHealth;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pod mutator, the binding mutator and validator, the IngressClassParams validator. */
class AdmissionHandlersTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ARN = "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/tg/1";
  static final TargetGroups.Info TG = new TargetGroups.Info(ARN, "tg", "ip", "ipv4", "vpc-0123456789abcdef0",
      "HTTP", 80);

  static Binding binding(String ns, String name, String type, String svc, boolean multi) {
    return Binding.of("{\"metadata\":{\"namespace\":\"" + ns + "\",\"name\":\"" + name + "\"},\"spec\":{"
        + "\"targetGroupARN\":\"" + ARN + "\",\"targetType\":\"" + type + "\",\"multiClusterTargetGroup\":" + multi
        + ",\"serviceRef\":{\"name\":\"" + svc + "\",\"port\":80}}}");
  }

  static Admission.Request request(String op, String json) throws Exception {
    return new Admission.Request("u", "X", op, "ns", "x", JSON.readTree(json), JSON.missingNode());
  }

  @Test
  void podsSelectedByAnIpBindingsServiceGetItsGateAndLoseLegacyOnes() throws Exception {
    ClusterView view = new ClusterView() {
      @Override
      public V1Service service(String namespace, String name) {
        return new V1Service().spec(new V1ServiceSpec().selector(Map.of("app", name)));
      }

      @Override
      public Collection<V1Node> nodes() {
        return List.of();
      }

      @Override
      public V1Node node(String name) {
        return null;
      }

      @Override
      public List<V1EndpointSlice> endpointSlices(String namespace, String service) {
        return List.of();
      }

      @Override
      public V1Pod pod(String namespace, String name) {
        return null;
      }

      @Override
      public List<Binding> bindings() {
        return List.of(binding("ns", "web-ip", "ip", "web", false), binding("ns", "web-inst", "instance", "web", false),
            binding("other", "web-other", "ip", "web", false), binding("ns", "api", "ip", "api", false));
      }
    };
    PodMutator m = new PodMutator(view, true);
    Admission.Response r = m.handle(request("CREATE", "{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{"
        + "\"readinessGates\":[{\"conditionType\":\"target-health.alb.ingress.k8s.aws/old\"},"
        + "{\"conditionType\":\"mine\"}]}}"));
    assertThat(r.patch()).isNotNull();
    assertThat(r.patch().toString()).isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/readinessGates\",\"value\":"
        + "[{\"conditionType\":\"mine\"},{\"conditionType\":\"target-health.elbv2.k8s.aws/web-ip\"}]}]");
    assertThat(m.handle(request("CREATE", "{\"metadata\":{\"labels\":{\"app\":\"db\"}},\"spec\":{}}")).patch())
        .isNull();
    assertThat(new PodMutator(view, false).handle(request("CREATE",
        "{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{}}")).patch()).isNull();
  }

  static TargetGroups groups() {
    return new TargetGroups() {
      @Override
      public Optional<List<TargetHealth>> health(String arn) {
        throw new AssertionError("no target health at admission");
      }

      @Override
      public void register(String arn, List<Target> targets) {
        throw new AssertionError();
      }

      @Override
      public void deregister(String arn, List<Target> targets) {
        throw new AssertionError();
      }

      @Override
      public Optional<Info> byArn(String arn) {
        return ARN.equals(arn) ? Optional.of(TG) : Optional.empty();
      }

      @Override
      public Optional<Info> byName(String name) {
        return "tg".equals(name) ? Optional.of(TG) : Optional.empty();
      }

      @Override
      public List<String> vpcCidrs(String vpcId) {
        return List.of();
      }
    };
  }

  @Test
  void theBindingMutatorFillsFromTheTargetGroup() throws Exception {
    BindingMutator m = new BindingMutator(groups());
    JsonNode patch = m.handle(request("CREATE", "{\"spec\":{\"targetGroupName\":\"tg\",\"targetType\":\"ip\"}}")).patch();
    assertThat(patch.toString()).contains("\"path\":\"/spec/targetGroupARN\",\"value\":\"" + ARN + "\"")
        .contains("/spec/ipAddressType").contains("/spec/vpcID").contains("/spec/targetGroupProtocol")
        .doesNotContain("/spec/targetType");
    assertThat(m.handle(request("CREATE", "{\"spec\":{}}")).message()).contains("targetGroupARN or spec.targetGroupName");
    assertThat(m.handle(request("CREATE", "{\"spec\":{\"targetGroupName\":\"nope\"}}")).allowed()).isFalse();
  }

  @Test
  void theBindingValidatorRefusesWhatTheReferenceRefuses() throws Exception {
    BindingValidator v = new BindingValidator(groups(), () -> List.of(binding("ns", "first", "ip", "web", true)));
    String ok = "{\"metadata\":{\"name\":\"x\",\"namespace\":\"ns\"},\"spec\":{\"targetGroupARN\":\"" + ARN
        + "\",\"targetType\":\"ip\",\"multiClusterTargetGroup\":true,\"serviceRef\":{\"name\":\"web\",\"port\":80}}}";
    assertThat(v.handle(request("CREATE", ok)).allowed()).isTrue();
    assertThat(v.handle(request("CREATE", ok.replace("true", "false"))).message()).contains("already bound");
    assertThat(v.handle(request("CREATE", ok.replace("\"targetType\":\"ip\",", "\"targetType\":\"ip\","
        + "\"ipAddressType\":\"ipv6\","))).message()).contains("spec.ipAddressType ipv6 does not match");
    assertThat(v.handle(request("CREATE", ok.replace("\"targetType\":\"ip\",", "\"targetType\":\"ip\","
        + "\"nodeSelector\":{\"matchLabels\":{\"a\":\"b\"}},"))).message()).contains("nodeSelector");
    assertThat(v.handle(request("CREATE", ok.replace("\"targetType\":\"ip\",", "\"targetType\":\"ip\","
        + "\"vpcID\":\"vpc-12\","))).message()).contains("is not a VPC id");
    Admission.Request update = new Admission.Request("u", "X", "UPDATE", "ns", "x", JSON.readTree(ok),
        JSON.readTree(ok.replace(ARN, ARN + "0")));
    assertThat(v.handle(update).message()).contains("may not change these fields: spec.targetGroupARN");
  }

  @Test
  void ingressClassParamsCidrsMustBeCanonical() throws Exception {
    IngressClassParamsValidator v = new IngressClassParamsValidator();
    assertThat(v.handle(request("CREATE", "{\"spec\":{\"inboundCIDRs\":[\"10.0.0.0/8\",\"2600:1f14::/56\"]}}"))
        .allowed()).isTrue();
    assertThat(v.handle(request("CREATE", "{\"spec\":{\"inboundCIDRs\":[\"10.0.0.1/24\"]}}")).message())
        .contains("did you mean 10.0.0.0/24");
    assertThat(v.handle(request("CREATE", "{\"spec\":{\"inboundCIDRs\":[\"10.1.2.3\"]}}")).message())
        .contains("did you mean 10.1.2.3/32");
    assertThat(v.handle(request("CREATE", "{\"spec\":{\"subnets\":{\"ids\":[\"a\",\"a\"],\"tags\":{}}}}")).message())
        .contains("exactly one of ids and tags").contains("duplicate subnet id a");
  }
}
