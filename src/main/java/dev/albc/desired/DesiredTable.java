package dev.albc.desired;

import com.fasterxml.jackson.databind.JsonNode;
import dev.albc.intents.Intent;
import dev.albc.desired.DesiredState.DesiredDiagnostic;
import dev.albc.desired.DesiredState.DesiredGroup;
import java.util.ArrayList;
import java.util.List;

/** The plan as a person reads it: one line per resource, then the diagnostics. */
public final class DesiredTable {
  private DesiredTable() {}

  public static String render(DesiredState plan) {
    StringBuilder out = new StringBuilder();
    int resources = 0;
    int errors = 0;
    int warnings = 0;
    for (DesiredGroup g : plan.groups()) {
      boolean blocked = g.diagnostics().stream().anyMatch(DesiredDiagnostic::isError);
      out.append("Group ").append(g.id());
      if (!g.members().isEmpty()) {
        out.append("  (").append(String.join(", ", g.members())).append(")");
      }
      out.append(blocked ? "  — BLOCKED by errors: no change would be made\n" : "\n");
      List<String[]> rows = new ArrayList<>();
      for (Intent i : g.resources()) {
        rows.add(new String[] {shortKind(i.kind()), i.resourceId(), summary(DesiredJson.JSON.valueToTree(i))});
      }
      resources += rows.size();
      int w0 = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
      int w1 = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
      for (String[] r : rows) {
        out.append(String.format("  + %-" + w0 + "s  %-" + w1 + "s  %s%n", r[0], r[1], r[2]));
      }
      for (DesiredDiagnostic d : g.diagnostics()) {
        out.append("  ").append(line(d)).append('\n');
        if (d.isError()) {
          errors++;
        } else if ("warning".equals(d.severity())) {
          warnings++;
        }
      }
      out.append('\n');
    }
    for (DesiredDiagnostic d : plan.diagnostics()) {
      out.append(line(d)).append('\n');
      if (d.isError()) {
        errors++;
      } else if ("warning".equals(d.severity())) {
        warnings++;
      }
    }
    out.append(String.format("Plan: %d group(s), %d resource(s) to create, %d error(s), %d warning(s).%n",
        plan.groups().size(), resources, errors, warnings));
    return out.toString();
  }

  /** One diagnostic line: {@code error   Ingress ns/a  alb.../scheme: message (hint)}. */
  public static String line(DesiredDiagnostic d) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("%-7s ", d.severity()));
    if (d.object() != null) {
      s.append(d.object());
    }
    if (d.field() != null) {
      s.append(" ").append(d.field());
    }
    s.append(": ").append(d.message());
    if (d.hint() != null) {
      s.append(" (").append(d.hint()).append(")");
    }
    return s.toString();
  }

  static String shortKind(String kind) {
    int i = kind.lastIndexOf("::");
    return i < 0 ? kind : kind.substring(i + 2);
  }

  static String summary(JsonNode n) {
    List<String> parts = new ArrayList<>();
    for (String f : List.of("Name", "GroupName", "Scheme", "IpAddressType", "Protocol", "Port", "TargetType",
        "SslPolicy", "Priority", "HealthCheckPath", "WebACLArn", "Enabled", "Namespace")) {
      if (n.has(f) && !n.get(f).isNull()) {
        parts.add(f.equals("Name") || f.equals("GroupName") ? n.get(f).asText() : f + "=" + n.get(f).asText());
      }
    }
    if (n.has("Subnets")) {
      parts.add("Subnets=" + join(n.get("Subnets")));
    }
    if (n.has("DomainName")) {
      // a certificate albc requests: its names, and how it is validated or who issues it
      parts.add(join(n.get("SubjectAlternativeNames")));
      parts.add(n.hasNonNull("CertificateAuthorityArn") ? "issued by " + n.get("CertificateAuthorityArn").asText()
          : "ValidationMethod=" + n.path("ValidationMethod").asText());
    }
    if (n.has("Certificates")) {
      int certs = n.get("Certificates").size() + (n.has("SniCertificates") ? n.get("SniCertificates").size() : 0);
      parts.add(certs + " certificate(s)");
    }
    if (n.has("Conditions")) {
      parts.add(conditions(n.get("Conditions")));
    }
    if (n.has("Actions")) {
      parts.add("→ " + actions(n.get("Actions")));
    }
    if (n.has("DefaultActions")) {
      parts.add("default → " + actions(n.get("DefaultActions")));
    }
    if (n.has("Transforms")) {
      List<String> t = new ArrayList<>();
      n.get("Transforms").forEach(x -> t.add(x.path("Type").asText()));
      parts.add("Transforms=" + String.join(",", t));
    }
    if (n.has("MutualAuthentication")) {
      parts.add("mTLS=" + n.get("MutualAuthentication").path("Mode").asText());
    }
    if (n.has("Attributes") && n.get("Attributes").size() > 0) {
      parts.add("Attributes=" + n.get("Attributes").size());
    }
    if (n.has("IpPermissions")) {
      parts.add(n.get("IpPermissions").size() + " inbound rule(s)");
    }
    return String.join("  ", parts);
  }

  static String join(JsonNode arr) {
    List<String> l = new ArrayList<>();
    arr.forEach(x -> l.add(x.isObject() && x.has("$ref") ? "$" + x.get("$ref").asText() : x.asText()));
    return String.join(",", l);
  }

  static String conditions(JsonNode arr) {
    List<String> l = new ArrayList<>();
    for (JsonNode c : arr) {
      String field = c.path("Field").asText();
      JsonNode cfg = null;
      var it = c.fields();
      while (it.hasNext()) {
        var e = it.next();
        if (!e.getKey().equals("Field")) {
          cfg = e.getValue();
        }
      }
      l.add(field + "=" + (cfg == null ? "" : cfg.toString()));
    }
    return String.join(" ", l);
  }

  static String actions(JsonNode arr) {
    List<String> l = new ArrayList<>();
    for (JsonNode a : arr) {
      String type = a.path("Type").asText();
      if (a.has("ForwardConfig")) {
        List<String> tgs = new ArrayList<>();
        for (JsonNode t : a.get("ForwardConfig").path("TargetGroups")) {
          JsonNode arn = t.path("TargetGroupArn");
          tgs.add((arn.has("$ref") ? arn.get("$ref").asText() : arn.asText())
              + (t.has("Weight") ? "(" + t.get("Weight").asText() + ")" : ""));
        }
        l.add(type + " " + String.join(",", tgs));
      } else if (a.has("RedirectConfig")) {
        l.add(type + " " + a.get("RedirectConfig"));
      } else if (a.has("FixedResponseConfig")) {
        l.add(type + " " + a.get("FixedResponseConfig").path("StatusCode").asText());
      } else if (a.has("AuthenticateOidcConfig")) {
        // the client secret as its placeholder: Secret and hash, never the value (docs/plan-format.md#secrets)
        JsonNode c = a.get("AuthenticateOidcConfig");
        JsonNode secret = c.path("ClientSecret");
        l.add(type + " (" + c.path("Issuer").asText() + ", client " + c.path("ClientId").asText() + ", secret "
            + secret.path("$secret").asText() + " " + secret.path("Hash").asText() + ")");
      } else if (a.has("AuthenticateCognitoConfig")) {
        l.add(type + " (" + a.get("AuthenticateCognitoConfig").path("UserPoolDomain").asText() + ")");
      } else if (a.has("JwtValidationConfig")) {
        l.add(type + " (" + a.get("JwtValidationConfig").path("Issuer").asText() + ")");
      } else {
        l.add(type);
      }
    }
    return String.join(", ", l);
  }
}
