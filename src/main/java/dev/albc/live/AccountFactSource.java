package dev.albc.live;

import dev.albc.aws.AccountFacts;
import dev.albc.aws.AwsSession;
import java.util.List;

/**
 * The AWS account facts the rules need (subnets, route tables, security groups, certificates, SSL
 * policies, the cluster's load balancers). The
 * CLI reads them once per run ({@link #once}); the controller caches them with a time-to-live and
 * re-reads them on demand ({@link #refreshed}).
 */
public interface AccountFactSource {
  /** The facts (read, or cached). */
  List<Object> facts();

  /** The facts read again now (a plan needed something they lack). */
  default List<Object> refreshed() {
    return facts();
  }

  /**
   * The VPC's facts (and the load balancers of cluster {@code clusterName}) read from the account
   * with {@link AccountFacts} on first use, then kept: one read per run. An AWS error throws
   * {@link dev.albc.aws.AwsCallException} (and is read again next time).
   */
  static AccountFactSource once(AwsSession aws, String vpcId, String clusterName) {
    return new AccountFactSource() {
      private List<Object> facts;

      @Override
      public synchronized List<Object> facts() {
        if (facts == null) {
          facts = new AccountFacts(aws).all(vpcId, clusterName);
        }
        return facts;
      }

      @Override
      public synchronized List<Object> refreshed() {
        facts = null;
        return facts();
      }
    };
  }

  /** Fixed facts (tests, AWS CLI dumps). */
  static AccountFactSource of(List<?> facts) {
    List<Object> copy = List.copyOf(facts);
    return () -> copy;
  }
}
