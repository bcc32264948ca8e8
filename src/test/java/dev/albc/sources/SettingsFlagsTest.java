package dev.albc.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.albc.facts.ControllerSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsFlagsTest {

  @Test
  void defaultTags() {
    assertThat(SettingsFlags.defaultTags("team=platform, env = prod ,cost=12=34"))
        .containsExactly(Map.entry("cost", "12=34"), Map.entry("env", "prod"), Map.entry("team", "platform"));
    assertThat(SettingsFlags.defaultTags("note=a\\,b,x=")).isEqualTo(Map.of("note", "a,b", "x", ""));
    assertThat(SettingsFlags.defaultTags("a=1,a=2")).isEqualTo(Map.of("a", "2"));
    assertThat(SettingsFlags.defaultTags("")).isEmpty();
    assertThat(SettingsFlags.defaultTags(null)).isEmpty();
  }

  @Test
  void defaultTagsErrors() {
    assertThatThrownBy(() -> SettingsFlags.defaultTags("a=1,oops"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--default-tags: \"oops\" has no '='");
    assertThatThrownBy(() -> SettingsFlags.defaultTags("=v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--default-tags: \"=v\" has an empty key");
    assertThatThrownBy(() -> SettingsFlags.defaultTags("elbv2.k8s.aws/cluster=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--default-tags: tag key elbv2.k8s.aws/cluster cannot be set");
  }

  @Test
  void featureGates() {
    assertThat(SettingsFlags.featureGates("ALBSingleSubnet=true, SubnetsClusterTagCheck = false,,EnableRGTAPI=1"))
        .containsExactly(
            Map.entry("ALBSingleSubnet", true), Map.entry("EnableRGTAPI", true),
            Map.entry("SubnetsClusterTagCheck", false));
    assertThat(SettingsFlags.featureGates("ALBSingleSubnet=T,ALBSingleSubnet=False"))
        .isEqualTo(Map.of("ALBSingleSubnet", false));
    assertThat(SettingsFlags.featureGates("")).isEmpty();
    assertThat(SettingsFlags.featureGates(null)).isEmpty();
  }

  @Test
  void featureGatesMergeWithTheDefaults() {
    Map<String, Boolean> gates = SettingsFlags.featureGates("ALBSingleSubnet=true");
    ControllerSettings s = new ControllerSettings(
        "demo", "", "", null, null, null, null, null, gates, true, null, true, true);
    assertThat(s.gate("ALBSingleSubnet")).isTrue();
    assertThat(s.gate("SubnetsClusterTagCheck")).isTrue();
    assertThat(s.featureGates()).hasSameSizeAs(ControllerSettings.DEFAULT_FEATURE_GATES);
  }

  @Test
  void featureGateErrorsNameTheGate() {
    assertThatThrownBy(() -> SettingsFlags.featureGates("ALBSingleSubnet=true,NoSuchGate=true"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--feature-gates: unknown feature gate \"NoSuchGate\"; known gates: ALBGatewayAPI,")
        .hasMessageContaining("SubnetsClusterTagCheck");
    assertThatThrownBy(() -> SettingsFlags.featureGates("ALBSingleSubnet=yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--feature-gates: ALBSingleSubnet=yes: \"yes\" is not a boolean; expected true or false");
    assertThatThrownBy(() -> SettingsFlags.featureGates("ALBSingleSubnet"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--feature-gates: \"ALBSingleSubnet\" has no value; expected Name=true or Name=false");
  }

  @Test
  void knownGatesAreTheDefaults() {
    assertThat(SettingsFlags.knownGates())
        .containsExactlyInAnyOrderElementsOf(ControllerSettings.DEFAULT_FEATURE_GATES.keySet())
        .isSorted();
  }
}
