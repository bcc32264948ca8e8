package dev.albc.changes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.desired.DesiredJson;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Permissions as sets of atoms: how AWS groups them is no drift. */
class IpPermissionTest {
  static Set<IpPermission> atoms(String json) throws Exception {
    Set<IpPermission> out = new TreeSet<>();
    for (JsonNode p : DesiredJson.JSON.readTree(json)) {
      out.addAll(IpPermission.of(p));
    }
    return out;
  }

  @Test
  void groupedAndSplitPermissionsAreTheSameAtoms() throws Exception {
    Set<IpPermission> grouped = atoms("[{\"IpProtocol\":\"tcp\",\"FromPort\":80,\"ToPort\":80,"
        + "\"IpRanges\":[{\"CidrIp\":\"10.0.0.0/8\"},{\"CidrIp\":\"0.0.0.0/0\"}],\"Ipv6Ranges\":[{\"CidrIpv6\":\"::/0\"}]}]");
    Set<IpPermission> split = atoms("[{\"IpProtocol\":\"tcp\",\"FromPort\":80,\"ToPort\":80,\"Ipv6Ranges\":"
        + "[{\"CidrIpv6\":\"::/0\"}]},{\"IpProtocol\":\"tcp\",\"FromPort\":80,\"ToPort\":80,\"IpRanges\":"
        + "[{\"CidrIp\":\"0.0.0.0/0\"}]},{\"IpProtocol\":\"tcp\",\"FromPort\":80,\"ToPort\":80,\"IpRanges\":"
        + "[{\"CidrIp\":\"10.0.0.0/8\"}]}]");
    assertThat(grouped).hasSize(3).isEqualTo(split);
    assertThat(IpPermission.show(grouped)).isEqualTo("tcp/80 from 0.0.0.0/0, tcp/80 from 10.0.0.0/8, tcp/80 from ::/0");
  }

  @Test
  void everySourceTypeRoundTripsThroughJson() throws Exception {
    Set<IpPermission> all = atoms("[{\"IpProtocol\":\"tcp\",\"FromPort\":8000,\"ToPort\":8100,"
        + "\"IpRanges\":[{\"CidrIp\":\"10.0.0.0/8\"}],\"Ipv6Ranges\":[{\"CidrIpv6\":\"::/0\"}],"
        + "\"PrefixListIds\":[{\"PrefixListId\":\"pl-1\"}],\"UserIdGroupPairs\":[{\"GroupId\":\"sg-1\"}]}]");
    assertThat(all).hasSize(4);
    assertThat(atoms(IpPermission.toJson(all).toString())).isEqualTo(all);
    assertThat(IpPermission.show(all)).contains("tcp/8000-8100 from pl-1", "tcp/8000-8100 from sg-1");
    assertThat(IpPermission.show(Set.of())).isEqualTo("(none)");
  }
}
