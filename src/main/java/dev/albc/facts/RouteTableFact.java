package dev.albc.facts;

import java.util.List;

/**
 * An EC2 route table: whether it is the VPC's main table, the subnets explicitly associated with it,
 * and the gateway ids of its routes (an {@code igw-…} gateway makes its subnets public).
 */
public record RouteTableFact(
    String id, String vpcId, boolean main, List<String> subnetIds, List<String> gatewayIds) {
  public RouteTableFact {
    subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
    gatewayIds = gatewayIds == null ? List.of() : List.copyOf(gatewayIds);
  }

  public boolean hasInternetGateway() {
    return gatewayIds.stream().anyMatch(g -> g != null && g.startsWith("igw"));
  }
}
