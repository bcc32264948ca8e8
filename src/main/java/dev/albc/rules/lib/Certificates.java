package dev.albc.rules.lib;

import dev.albc.facts.ControllerSettings;
import dev.albc.intents.CertificateIntent;
import dev.albc.rules.api.Ann;
import dev.albc.rules.api.Diagnostic;
import dev.albc.rules.api.GroupSettings;
import dev.albc.rules.api.Member;
import dev.albc.rules.api.Names;
import dev.albc.rules.api.Scopes;
import dev.albc.rules.api.Tags;
import java.util.List;
import java.util.Locale;

/**
 * Certificates albc requests for an Ingress ({@code create-acm-cert}; certificates.drl): the
 * reference's pkg/ingress/model_build_certificates.go — every host of the Ingress
 * ({@link Listeners#hosts}, sorted) is a Subject Alternative Name and the first is the domain name;
 * a CA ARN ({@code acm-pca-arn}) makes it a private certificate.
 */
public final class Certificates {
  private Certificates() {}

  /** The feature gate that turns certificate management on (default off, as the reference). */
  public static final String GATE = "EnableCertificateManagement";

  /**
   * At parse time (for listen-ports' default): the gate is on, {@code create-acm-cert} is
   * {@code true} and the Ingress has no explicit certificate, so it will get a managed one.
   */
  public static boolean willRequest(ControllerSettings cfg, Member m) {
    String v = m.ingress().annotation(Ann.alb("create-acm-cert"));
    Values.Result r = v == null ? null : Values.bool(v);
    return cfg.gate(GATE) && r != null && r.ok() && Boolean.TRUE.equals(r.value())
        && !Listeners.hasExplicitCertificates(m);
  }

  /**
   * The reference's resource id: {@code <type>/<domain>-<sha256(namespace/name)[:8]>}, with
   * {@code *} spelt {@code wildcard} (a tag value may not hold {@code *}).
   */
  public static String resourceId(String type, String domainName, String ingressKey) {
    return type.toLowerCase(Locale.ROOT) + "/" + domainName.replace("*", "wildcard") + "-"
        + Names.sha256(ingressKey).substring(0, 8);
  }

  /**
   * The certificate of an Ingress, or an error when it has no host to request one for.
   *
   * @param caArn the private CA: {@code acm-pca-arn}, else {@code --default-pca-arn}; null or empty
   *     for an Amazon-issued certificate
   */
  public static Object request(ControllerSettings cfg, Member m, String caArn, GroupSettings gs, String rule) {
    List<String> hosts = Listeners.hosts(m.ingress());
    if (hosts.isEmpty()) {
      return Diagnostic.error(m.groupId(), m.object(), Ann.alb("create-acm-cert"),
          "create-acm-cert is true but the Ingress has no host in spec.rules[].host or spec.tls[].hosts: a"
              + " certificate needs at least one domain name",
          "give the Ingress a host, or remove create-acm-cert", rule);
    }
    String ca = caArn == null || caArn.isEmpty() ? null : caArn;
    String type = ca == null ? CertificateIntent.AMAZON_ISSUED : CertificateIntent.PRIVATE;
    String id = resourceId(type, hosts.get(0), m.key());
    // the reference sends ValidationMethod DNS for private certificates too (ACM ignores it there)
    return new CertificateIntent(m.groupId(), id, m.key(), hosts.get(0), hosts, "DNS", ca,
        Tags.of(gs, Scopes.ingress(m.key()), cfg.clusterName(), m.groupId(), id));
  }
}
