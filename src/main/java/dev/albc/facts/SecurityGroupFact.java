package dev.albc.facts;

import java.util.Map;

/** An EC2 security group (id, VPC, GroupName and tags). */
public record SecurityGroupFact(String id, String vpcId, String groupName, Map<String, String> tags) {
  public SecurityGroupFact {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public String nameTag() {
    return tags.get("Name");
  }
}
