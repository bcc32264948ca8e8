package dev.albc.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.observe.ObservedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tags key by key; {@code aws:} keys never removed; the ELBv2 and EC2 calls and their diff entry. */
class TagDiffTest {
  static final ObservedResource SG = new ObservedResource("K", "sg-1", "sg", Map.of("team", "old", "stray", "x",
      "aws:cloudformation:stack-name", "s", "same", "1"), Requests.obj(), null, null);

  @Test
  void changedAndExtraKeysDifferAwsKeysAreLeftAlone() {
    TagDiff t = TagDiff.of(Map.of("team", "new", "same", "1", "env", "prod"), SG.tags());
    assertThat(t.add()).containsExactly(Map.entry("env", "prod"), Map.entry("team", "new"));
    assertThat(t.remove()).containsExactly("stray");
    assertThat(t.field()).isEqualTo(new FieldDiff("Tags", "team=old,stray=x", "env=prod,team=new"));
  }

  @Test
  void ec2CallsCreateAndDeleteTagsByResource() {
    List<FieldDiff> diff = new ArrayList<>();
    List<Step> steps = TagDiff.ec2(Map.of("team", "new", "same", "1"), SG, diff);
    assertThat(steps).extracting(Step::call).containsExactly("ec2:CreateTags", "ec2:DeleteTags");
    assertThat(steps.get(0).request().toString())
        .isEqualTo("{\"Resources\":[\"sg-1\"],\"Tags\":[{\"Key\":\"team\",\"Value\":\"new\"}]}");
    assertThat(steps.get(1).request().toString()).isEqualTo("{\"Resources\":[\"sg-1\"],\"Tags\":[{\"Key\":\"stray\"}]}");
    assertThat(diff).extracting(FieldDiff::field).containsExactly("Tags");
  }

  @Test
  void equalTagsNeedNoCallAndNoDiff() {
    List<FieldDiff> diff = new ArrayList<>();
    Map<String, String> same = Map.of("team", "old", "stray", "x", "same", "1");
    assertThat(TagDiff.elbv2(same, SG, diff)).isEmpty();
    assertThat(TagDiff.ec2(same, SG, diff)).isEmpty();
    assertThat(diff).isEmpty();
  }

  @Test
  void elbv2OnlyRemovesWhenNothingIsAdded() {
    List<Step> steps = TagDiff.elbv2(Map.of("team", "old", "same", "1"), SG, new ArrayList<>());
    assertThat(steps).extracting(Step::call).containsExactly("elbv2:RemoveTags");
    assertThat(steps.get(0).request().toString()).isEqualTo("{\"ResourceArns\":[\"sg-1\"],\"TagKeys\":[\"stray\"]}");
  }
}
