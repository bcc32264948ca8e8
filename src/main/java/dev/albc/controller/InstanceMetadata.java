package dev.albc.controller;

import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.imds.Ec2MetadataRetryPolicy;

/**
 * Region and VPC from the instance metadata service (IMDSv2, through the SDK's client, which honours
 * {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}) for when {@code --aws-region} / {@code --aws-vpc-id} are
 * not given, as the reference does. See docs/controller.md "Flags".
 */
public final class InstanceMetadata implements AutoCloseable {
  private final Ec2MetadataClient imds;

  public InstanceMetadata() {
    this.imds = Ec2MetadataClient.builder()
        .retryPolicy(Ec2MetadataRetryPolicy.builder().numRetries(2).build())
        .build();
  }

  public String region() {
    return get("/latest/meta-data/placement/region");
  }

  /** The VPC of the instance's primary network interface. */
  public String vpcId() {
    String mac = get("/latest/meta-data/mac");
    return get("/latest/meta-data/network/interfaces/macs/" + mac + "/vpc-id");
  }

  private String get(String path) {
    try {
      return imds.get(path).asString().strip();
    } catch (RuntimeException e) {
      throw new IllegalStateException("instance metadata " + path + " is not available (" + e.getMessage()
          + "); give --aws-region and --aws-vpc-id", e);
    }
  }

  @Override
  public void close() {
    imds.close();
  }
}
