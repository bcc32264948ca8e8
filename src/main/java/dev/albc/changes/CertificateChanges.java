package dev.albc.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.intents.CertificateIntent;
import dev.albc.intents.ListenerIntent;
import dev.albc.observe.ObservedResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ACM certificates albc requests for Ingresses (certificates.drl, docs/annotations.md "Certificates
 * albc requests"), as the reference's certificate synthesizer: matched to the stack's certificates
 * by the {@code ingress.k8s.aws/resource} tag; one whose names (SubjectAlternativeNameSummaries)
 * differ from the wanted ones is replaced; a missing one is requested ({@code RequestCertificate},
 * which the executor follows with the DNS validation records and the wait for ISSUED). A
 * certificate of the stack that no Ingress wants is deleted after every other change (the listeners
 * let go of it first). Nothing is created or deleted when the stack's certificates were not read.
 */
final class CertificateChanges {
  private final ChangeContext ctx;

  CertificateChanges(ChangeContext ctx) {
    this.ctx = ctx;
  }

  /** {@code desired}: the wanted certificates; {@code listeners}: every wanted listener (ARNs they name stay). */
  void plan(List<CertificateIntent> desired, List<ListenerIntent> listeners) {
    List<ObservedResource> have = ctx.observed.certificates();
    if (have == null) {
      if (!desired.isEmpty()) {
        ctx.error("the stack's ACM certificates were not read (the gate EnableCertificateManagement is off where"
            + " AWS is read): certificate " + desired.get(0).resourceId() + " cannot be planned");
      }
      return;
    }
    Set<String> wanted = new HashSet<>();
    for (CertificateIntent d : desired) {
      wanted.add(d.resourceId());
      List<ObservedResource> same = have.stream().filter(c -> d.resourceId().equals(c.resourceTag())).toList();
      ObservedResource kept = same.stream().filter(c -> sameNames(c, d)).findFirst().orElse(null);
      if (kept != null) {
        ctx.known(d.resourceId(), kept.id());
        continue;
      }
      if (same.isEmpty()) {
        ctx.add(Change.create(d.kind(), d.resourceId(), d.domainName(), "not in ACM", List.of(request(d))));
        continue;
      }
      List<Step> steps = new ArrayList<>();
      steps.add(request(d));
      same.forEach(c -> steps.add(deletion(c)));
      ObservedResource old = same.get(0);
      ctx.add(Change.replace(d.kind(), d.resourceId(), d.domainName(),
          "its names cannot change: a new certificate is requested, the old one deleted once the listeners use the new one",
          "the listeners move to the new certificate once ACM has issued it",
          List.of(new FieldDiff("SubjectAlternativeNames", String.join(",", names(old)),
              String.join(",", new TreeSet<>(d.subjectAlternativeNames())))), steps));
    }
    Set<String> inUse = explicitArns(listeners);
    for (ObservedResource c : have) {
      if (c.resourceTag() == null) {
        ctx.error("certificate " + c.id() + " carries the tags of stack " + ctx.groupId
            + " but no ingress.k8s.aws/resource tag: albc cannot tell which Ingress it is for");
      } else if (!wanted.contains(c.resourceTag()) && inUse.contains(c.id())) {
        ctx.note("certificate " + c.id() + " (" + c.resourceTag() + ") is not wanted any more but a listener names it"
            + " in certificate-arn: not deleted");
      } else if (!wanted.contains(c.resourceTag())) {
        ctx.add(deletion(c, "no Ingress of the group asks for it any more (create-acm-cert)"));
      }
    }
  }

  /** Every certificate of the stack (the group is deleted). */
  void deleteAll() {
    if (ctx.observed.certificates() != null) {
      ctx.observed.certificates().forEach(c -> ctx.add(deletion(c, "the group is deleted")));
    }
  }

  static Change deletion(ObservedResource c, String reason) {
    return Change.delete(CertificateIntent.KIND, c.resourceTag(), c.name(), reason, List.of(deletion(c)))
        .withRiskNote("its DNS validation records go with it; deleted after the listeners let go of it");
  }

  private static Step deletion(ObservedResource c) {
    ObjectNode req = Requests.obj();
    req.put("CertificateArn", c.id());
    return Step.post("acm:DeleteCertificate", req);
  }

  private static Step request(CertificateIntent d) {
    ObjectNode req = Requests.json(d);
    req.set("Tags", Requests.tagList(d.tags()));
    return Step.producing("acm:RequestCertificate", req, d.resourceId());
  }

  /** The names ACM lists for a certificate (its domain name and SANs). */
  private static Set<String> names(ObservedResource c) {
    Set<String> out = new TreeSet<>();
    JsonNode sans = c.body() == null ? null : c.body().get("SubjectAlternativeNameSummaries");
    if (sans != null) {
      sans.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  /** The reference compares the SAN sets (its pkg/algorithm IsDiffStringSlice, which is true when equal). */
  private static boolean sameNames(ObservedResource c, CertificateIntent d) {
    return names(c).equals(new TreeSet<>(d.subjectAlternativeNames()));
  }

  /** Certificate ARNs the wanted listeners name themselves (certificate-arn, discovery). */
  private static Set<String> explicitArns(List<ListenerIntent> listeners) {
    Set<String> out = new HashSet<>();
    for (ListenerIntent l : listeners) {
      for (List<Map<String, Object>> certs : java.util.Arrays.asList(l.certificates(), l.sniCertificates())) {
        if (certs != null) {
          certs.forEach(c -> {
            if (c.get("CertificateArn") instanceof String s) {
              out.add(s);
            }
          });
        }
      }
    }
    return out;
  }
}
