package dev.albc.controller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialProblemsTest {
  @Test
  void causesAndFixes() {
    assertThat(CredentialProblems.fix("ec2:DescribeSubnets failed: Unable to load credentials from any of the "
        + "providers in the chain")).contains("no AWS credentials");
    assertThat(CredentialProblems.fix("ec2:DescribeSubnets failed: WebIdentityTokenCredentialsProvider: "
        + "Unable to execute HTTP request: sts.us-west-2.amazonaws.com: UnknownHostException")).contains("STS cannot be reached");
    assertThat(CredentialProblems.fix("WebIdentityTokenCredentialsProvider: /var/run/secrets/eks.amazonaws.com/"
        + "serviceaccount/token (No such file)")).contains("projected service account token");
    assertThat(CredentialProblems.fix("elbv2:DescribeLoadBalancers failed: ExpiredToken")).contains("refuses");
    assertThat(CredentialProblems.fix("elbv2:CreateLoadBalancer failed: TooManyLoadBalancers")).isNull();
  }
}
