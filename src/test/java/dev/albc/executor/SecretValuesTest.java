package dev.albc.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.albc.facts.SecretFact;
import dev.albc.intents.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The executor's secret placeholders (docs/plan-format.md#secrets): the value sent, its hash kept, a changed Secret refused. */
class SecretValuesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aPlaceholderBecomesTheValueAndItsHashIsReported() throws Exception {
    SecretFact s = new SecretFact("shop", "oidc", Map.of("clientSecret", "s3cr3t\n"));
    SecretValues v = new SecretValues(() -> List.of(s));
    String hash = SecretRef.hash("shop/oidc", "clientSecret", "s3cr3t");
    JsonNode req = JSON.readTree("{\"Actions\":[{\"AuthenticateOidcConfig\":{\"ClientSecret\":{\"$secret\":\"shop/oidc\","
        + "\"Key\":\"clientSecret\",\"Hash\":\"" + hash + "\"}}}]}");
    List<String> hashes = new ArrayList<>();
    JsonNode out = SecretValues.substitute(v, req, "elbv2:CreateRule", hashes);
    assertThat(out.at("/Actions/0/AuthenticateOidcConfig/ClientSecret").asText()).isEqualTo("s3cr3t");
    assertThat(hashes).containsExactly(hash);
    assertThat(s.toString()).doesNotContain("s3cr3t").contains("clientSecret");
    v.sent("arn:rule", hash);
    assertThat(v.lastSent("arn:rule")).isEqualTo(hash);
    assertThat(v.lastSent("arn:other")).isNull();
  }

  @Test
  void aSecretChangedSinceThePlanIsRefused() throws Exception {
    SecretValues v = new SecretValues(() -> List.of(new SecretFact("shop", "oidc", Map.of("clientSecret", "rotated"))));
    JsonNode req = JSON.readTree("{\"ClientSecret\":{\"$secret\":\"shop/oidc\",\"Key\":\"clientSecret\",\"Hash\":\""
        + SecretRef.hash("shop/oidc", "clientSecret", "s3cr3t") + "\"}}");
    assertThatThrownBy(() -> SecretValues.substitute(v, req, "elbv2:ModifyRule", new ArrayList<>()))
        .hasMessageContaining("changed since the plan").hasMessageNotContaining("rotated");
    assertThatThrownBy(() -> SecretValues.substitute(null, req, "elbv2:ModifyRule", new ArrayList<>()))
        .hasMessageContaining("no Secrets");
  }
}
