package dev.albc.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.observe.BindingClient;
import dev.albc.observe.ObservedResource;
import dev.albc.changes.Change;
import dev.albc.changes.GroupChanges;
import dev.albc.changes.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/** The executor's pieces that need no AWS: references, SDK method lookup, order of deferred deletions. */
class ExecutorTest {
  static final ObjectMapper M = new ObjectMapper();

  static ObjectNode json(String s) {
    try {
      return (ObjectNode) M.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void referencesAreResolvedAndAMissingOneIsAPlanningError() {
    Step s = Step.of("elbv2:CreateRule", json("{\"ListenerArn\":{\"$ref\":\"80\"},\"Actions\":[{\"ForwardConfig\":"
        + "{\"TargetGroups\":[{\"TargetGroupArn\":{\"$ref\":\"ns/i-svc:80\"}}]}}]}"));
    var resolved = Executor.resolve(s.request(), Map.of("80", "arn:l", "ns/i-svc:80", "arn:tg"), s);
    assertThat(resolved.toString()).isEqualTo(
        "{\"ListenerArn\":\"arn:l\",\"Actions\":[{\"ForwardConfig\":{\"TargetGroups\":[{\"TargetGroupArn\":\"arn:tg\"}]}}]}");
    assertThatThrownBy(() -> Executor.resolve(s.request(), Map.of("80", "arn:l"), s))
        .hasMessageContaining("needs the ARN or id of ns/i-svc:80");
  }

  @Test
  void operationsMapToSdkMethods() {
    ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder()
        .region(software.amazon.awssdk.regions.Region.US_WEST_2)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build();
    Wafv2Client waf = Wafv2Client.builder().region(software.amazon.awssdk.regions.Region.US_WEST_2)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create()).build();
    try (elb; waf) {
      assertThat(Executor.method(elb, "CreateTargetGroup").getParameterTypes()[0]).isEqualTo(CreateTargetGroupRequest.class);
      assertThat(Executor.method(waf, "AssociateWebACL").getName()).isEqualTo("associateWebACL");
      assertThatThrownBy(() -> Executor.method(elb, "Frobnicate")).hasMessageContaining("Frobnicate");
    }
    assertThat(Executor.produced("CreateTargetGroup", json("{\"TargetGroups\":[{\"TargetGroupArn\":\"arn:x\"}]}")))
        .isEqualTo("arn:x");
    assertThat(Executor.produced("CreateSecurityGroup", json("{\"GroupId\":\"sg-1\"}"))).isEqualTo("sg-1");
  }

  @Test
  void deferredDeletionsRunLastBindingsThenTargetGroupsThenSecurityGroups() {
    List<String> seen = new ArrayList<>();
    BindingClient fake = new BindingClient() {
      @Override
      public List<ObservedResource> list(Map<String, String> labels) {
        return List.of();
      }

      @Override
      public void create(ObjectNode object) {
        seen.add("create " + object.path("metadata").path("name").asText());
      }

      @Override
      public void replace(ObjectNode object) {
        seen.add("replace");
      }

      @Override
      public void delete(String namespace, String name) {
        seen.add("delete " + namespace + "/" + name);
      }
    };
    Change del = Change.delete("K8S::ElasticLoadBalancingV2::TargetGroupBinding", null, "ns/old", "gone",
        List.of(Step.post("k8s:DeleteTargetGroupBinding", json("{\"namespace\":\"ns\",\"name\":\"old\"}"))));
    Change create = Change.create("K8S::ElasticLoadBalancingV2::TargetGroupBinding", "x", "ns/new", "new",
        List.of(Step.of("k8s:CreateTargetGroupBinding",
            json("{\"metadata\":{\"name\":\"new\",\"namespace\":\"ns\"},\"spec\":{\"targetGroupARN\":{\"$ref\":\"x\"}}}"))));
    List<String> hooked = new ArrayList<>();
    Executor e = new Executor(null, fake, null, "vpc-1", (g, c, s) -> hooked.add(s.call()));
    Executor.Result r = e.apply(new GroupChanges("g", false, List.of(del, create), Map.of("x", "arn:tg"), List.of(),
        List.of()));
    assertThat(seen).containsExactly("create new", "delete ns/old");
    assertThat(hooked).containsExactly("k8s:CreateTargetGroupBinding", "k8s:DeleteTargetGroupBinding");
    assertThat(r.applied()).hasSize(2);
  }

  @Test
  void aFailedStepStopsTheGroupWithOneLine() {
    Change create = Change.create("K8S::ElasticLoadBalancingV2::TargetGroupBinding", "x", "ns/new", "new",
        List.of(Step.of("k8s:CreateTargetGroupBinding",
            json("{\"metadata\":{\"name\":\"new\",\"namespace\":\"ns\"},\"spec\":{}}"))));
    Executor e = new Executor(null, null, null, "vpc-1", null);
    assertThatThrownBy(() -> e.apply(new GroupChanges("g", false, List.of(create), Map.of(), List.of(), List.of())))
        .isInstanceOf(Executor.ExecutionFailure.class)
        .hasMessage("[g] k8s:CreateTargetGroupBinding: no cluster (--kubeconfig) to write TargetGroupBindings to");
  }
}
