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
    List<SecretValues.Sending> sendings = new ArrayList<>();
    JsonNode out = SecretValues.substitute(v, req, "elbv2:CreateRule", sendings);
    assertThat(out.at("/Actions/0/AuthenticateOidcConfig/ClientSecret").asText()).isEqualTo("s3cr3t");
    assertThat(sendings).extracting(SecretValues.Sending::hash).containsExactly(hash);
    assertThat(sendings.toString()).doesNotContain("s3cr3t");
    assertThat(s.toString()).doesNotContain("s3cr3t").contains("clientSecret");
    v.sent("arn:rule", sendings);
    assertThat(v.lastSent("arn:rule")).isEqualTo(hash);
    assertThat(v.lastSent("arn:other")).isNull();
    // what is kept across runs: the Secret, the key and a salted hash that matches the value sent only
    SentSecret kept = v.kept("arn:rule");
    assertThat(kept.secret()).isEqualTo("shop/oidc");
    assertThat(kept.key()).isEqualTo("clientSecret");
    assertThat(kept.hash()).startsWith("pbkdf2-sha256$100000$").doesNotContain("s3cr3t");
    assertThat(kept.matches("s3cr3t")).isTrue();
    assertThat(kept.matches("s3cr3t\n")).isFalse();
    assertThat(v.kept("arn:other")).isNull();
  }

  @Test
  void aKeptHashIsVerifiedAgainstTheSecretNowAndThenKnownAsIfSent() {
    SentSecret kept = SentSecret.of("shop/oidc", "clientSecret", "s3cr3t");
    SecretValues same = new SecretValues(() -> List.of(new SecretFact("shop", "oidc", Map.of("clientSecret", "s3cr3t\r\n"))));
    assertThat(same.lastSent("arn:rule")).isNull();
    assertThat(same.verified("arn:rule", kept)).isEqualTo(SecretRef.hash("shop/oidc", "clientSecret", "s3cr3t"));
    assertThat(same.lastSent("arn:rule")).isEqualTo(SecretRef.hash("shop/oidc", "clientSecret", "s3cr3t"));
    assertThat(same.kept("arn:rule")).isSameAs(kept);

    SecretValues rotated = new SecretValues(() -> List.of(new SecretFact("shop", "oidc", Map.of("clientSecret", "n3w"))));
    assertThat(rotated.verified("arn:rule", kept)).isNull();
    assertThat(rotated.lastSent("arn:rule")).isNull();
    assertThat(rotated.kept("arn:rule")).isNull();

    SecretValues gone = new SecretValues(List::of);
    assertThat(gone.verified("arn:rule", kept)).isNull();
    assertThat(same.verified("arn:other", new SentSecret("shop/oidc", "clientSecret", null))).isNull();
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
