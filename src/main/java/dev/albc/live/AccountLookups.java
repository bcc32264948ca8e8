package dev.albc.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.aws.AwsCallException;
import dev.albc.aws.AwsErrors;
import dev.albc.aws.AwsSession;
import dev.albc.aws.SdkJson;
import dev.albc.facts.CertificateFact;
import dev.albc.facts.LookupMiss;
import dev.albc.rules.api.Lookup;
import dev.albc.sources.AwsFacts;
import dev.albc.sources.AwsFactsReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.WebACLSummary;

/**
 * The rules' look-ups in the account ({@link Lookup}, docs/apply.md "Look-ups"), answered and kept
 * for the reference's times: a target group by name ({@code DescribeTargetGroups Names=[name]}, 20
 * minutes), WAFv2 web ACLs by name ({@code ListWebACLs} of the REGIONAL scope, every page, 60
 * minutes) and a certificate's issuing CA ({@code DescribeCertificate}, 10 hours). The SDK's answers
 * become facts through {@link AwsFactsReader}, as AWS CLI dumps do. An answer "none" is not kept: it
 * is a {@link LookupMiss} for the run that asked only.
 */
public final class AccountLookups {
  static final Duration TARGET_GROUP_TTL = Duration.ofMinutes(20);
  static final Duration WEB_ACL_TTL = Duration.ofMinutes(60);
  static final Duration CERTIFICATE_TTL = Duration.ofHours(10);

  /** The three reads, one call (or every page of one) each; errors are the SDK's exceptions. */
  public interface Reads {
    /** {@code elbv2:DescribeTargetGroups Names=[name]}; TargetGroupNotFound when there is none. */
    List<TargetGroup> targetGroupsNamed(String name);

    /** {@code wafv2:ListWebACLs Scope=REGIONAL}, every page (NextMarker). */
    List<WebACLSummary> regionalWebAcls();

    /** {@code acm:DescribeCertificate}. */
    CertificateDetail certificate(String arn);

    /** The reads over an SDK session. */
    static Reads of(AwsSession aws) {
      return new Reads() {
        @Override
        public List<TargetGroup> targetGroupsNamed(String name) {
          return aws.elbv2().describeTargetGroups(r -> r.names(name)).targetGroups();
        }

        @Override
        public List<WebACLSummary> regionalWebAcls() {
          List<WebACLSummary> out = new ArrayList<>();
          String marker = null;
          do {
            String m = marker;
            var page = aws.wafv2().listWebACLs(r -> r.scope(Scope.REGIONAL).nextMarker(m));
            out.addAll(page.webACLs());
            marker = page.nextMarker();
          } while (marker != null && !marker.isEmpty());
          return out;
        }

        @Override
        public CertificateDetail certificate(String arn) {
          return aws.acm().describeCertificate(r -> r.certificateArn(arn)).certificate();
        }
      };
    }
  }

  /** A kept answer: the fact found and until when it holds. */
  private record Answer(Object fact, Instant until) {}

  private final Reads reads;
  private final Clock clock;
  private final Map<String, Answer> answers = new HashMap<>();

  public AccountLookups(Reads reads, Clock clock) {
    this.reads = reads;
    this.clock = clock;
  }

  /** Look-ups over an SDK session, on the system clock. */
  public static AccountLookups of(AwsSession aws) {
    return new AccountLookups(Reads.of(aws), Clock.systemUTC());
  }

  /**
   * The account facts with the answers kept so far: web ACLs and target groups added, and a
   * certificate described since replacing its summary (it then names its issuing CA).
   */
  public synchronized List<Object> with(List<Object> accountFacts) {
    Instant now = clock.instant();
    answers.values().removeIf(a -> !now.isBefore(a.until()));
    Map<String, CertificateFact> described = new HashMap<>();
    List<Object> out = new ArrayList<>();
    for (Answer a : answers.values()) {
      if (a.fact() instanceof CertificateFact c) {
        described.put(c.arn(), c);
      } else {
        out.add(a.fact());
      }
    }
    for (Object o : accountFacts) {
      if (o instanceof CertificateFact c && described.containsKey(c.arn())) {
        out.add(described.remove(c.arn()));
      } else {
        out.add(o);
      }
    }
    return out;
  }

  /**
   * Reads the account for each look-up not answered yet and keeps what it finds; returns a
   * {@link LookupMiss} for each one the account has nothing for. An AWS error throws
   * {@link AwsCallException} naming the call.
   */
  public synchronized List<LookupMiss> resolve(List<Lookup> needed) {
    Instant now = clock.instant();
    Set<String> asked = new LinkedHashSet<>();
    List<LookupMiss> misses = new ArrayList<>();
    List<WebACLSummary> acls = null;
    for (Lookup l : needed) {
      String key = l.kind() + "|" + l.name();
      Answer kept = answers.get(key);
      if (!asked.add(key) || kept != null && now.isBefore(kept.until())) {
        continue;
      }
      Object fact;
      switch (l.kind()) {
        case Lookup.TARGET_GROUP -> fact = one(facts(call("DescribeTargetGroups", "target group " + l.name(),
            () -> targetGroups(l.name()), "TargetGroups")).targetGroups());
        case Lookup.WEB_ACL -> {
          if (acls == null) {
            acls = call("ListWebACLs", "the REGIONAL web ACLs", reads::regionalWebAcls);
          }
          fact = facts(SdkJson.cliOutput("WebACLs", acls)).webAcls().stream()
              .filter(w -> w.name().equals(l.name())).findFirst().orElse(null);
        }
        case Lookup.CERTIFICATE -> fact = one(facts(SdkJson.cliOutput("Certificate",
            call("DescribeCertificate", l.name(), () -> reads.certificate(l.name())))).certificates());
        case Lookup.TRUST_STORE -> throw new IllegalStateException("trust store " + l.name()
            + " was not looked up before the rules ran (TrustStoreLookups answers every name live)");
        default -> throw new IllegalArgumentException("unknown look-up kind " + l.kind());
      }
      if (fact == null) {
        misses.add(new LookupMiss(l.kind(), l.name()));
      } else {
        answers.put(key, new Answer(fact, now.plus(ttl(l.kind()))));
      }
    }
    return misses;
  }

  private List<TargetGroup> targetGroups(String name) {
    try {
      return reads.targetGroupsNamed(name);
    } catch (RuntimeException e) {
      if (AwsErrors.is(e, "TargetGroupNotFound")) {
        return List.of();
      }
      throw e;
    }
  }

  private static Duration ttl(String kind) {
    return switch (kind) {
      case Lookup.TARGET_GROUP -> TARGET_GROUP_TTL;
      case Lookup.WEB_ACL -> WEB_ACL_TTL;
      default -> CERTIFICATE_TTL;
    };
  }

  private static ObjectNode call(String op, String what, Supplier<List<TargetGroup>> read, String key) {
    return SdkJson.cliOutput(key, call(op, what, read));
  }

  private static AwsFacts facts(ObjectNode doc) {
    return new AwsFactsReader().readJson("the account's answer", List.of(doc));
  }

  private static <T> T one(List<T> found) {
    return found.isEmpty() ? null : found.get(0);
  }

  private static <T> T call(String op, String what, Supplier<T> read) {
    try {
      return read.get();
    } catch (AwsCallException e) {
      throw e;
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      throw new AwsCallException(op, what, e);
    }
  }
}
