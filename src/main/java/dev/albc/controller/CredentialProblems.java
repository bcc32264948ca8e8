package dev.albc.controller;

import java.util.Locale;

/**
 * Recognises a failed reconcile that is a credentials problem (the web identity token unreadable,
 * STS unreachable or refusing, no credentials at all) and says how to fix it, for the one log line
 * per back-off of docs/controller.md "Logs".
 */
public final class CredentialProblems {
  private CredentialProblems() {}

  /** The fix for this failure when it is a credentials problem, else null. */
  public static String fix(String failure) {
    if (failure == null) {
      return null;
    }
    String f = failure.toLowerCase(Locale.ROOT);
    if (f.contains("webidentity") || f.contains("web identity") || f.contains("aws_web_identity_token_file")) {
      if (f.contains("unknownhost") || f.contains("unable to execute http request") || f.contains("connect")) {
        return "STS cannot be reached to exchange the web identity token: check the cluster's DNS and egress to "
            + "sts.<region>.amazonaws.com (or a VPC endpoint for STS)";
      }
      return "the web identity token is unreadable or refused: check the projected service account token volume "
          + "and the IAM role's trust policy for this service account (IRSA annotation eks.amazonaws.com/role-arn)";
    }
    if (f.contains("sts.") && (f.contains("unknownhost") || f.contains("unable to execute http request"))) {
      return "STS cannot be reached: check the cluster's DNS and egress to sts.<region>.amazonaws.com";
    }
    if (f.contains("unable to load credentials")) {
      return "no AWS credentials were found: give the pod an IAM role (IRSA or EKS Pod Identity), or set "
          + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY";
    }
    if (f.contains("expiredtoken") || f.contains("invalidclienttokenid") || f.contains("unrecognizedclient")
        || f.contains("signaturedoesnotmatch") || f.contains("authfailure")) {
      return "AWS refuses the credentials (expired or wrong): check the role or keys the pod uses";
    }
    return null;
  }
}
