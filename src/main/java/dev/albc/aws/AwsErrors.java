package dev.albc.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** AWS errors as one line: the error code and message, never a stack trace. */
public final class AwsErrors {
  private AwsErrors() {}

  /** {@code Code: message} for a service error, the message for a client error. */
  public static String cause(Throwable e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      String code = s.awsErrorDetails().errorCode();
      String msg = s.awsErrorDetails().errorMessage();
      String out = (code == null ? "HTTP " + s.statusCode() : code) + (msg == null || msg.isBlank() ? "" : ": " + msg);
      return oneLine(out);
    }
    if (e instanceof SdkClientException c) {
      Throwable root = c;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String m = c.getMessage();
      if (root != c && root.getMessage() != null) {
        m = m + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
      }
      return oneLine(m);
    }
    String m = e.getMessage();
    return oneLine(e.getClass().getSimpleName() + (m == null ? "" : ": " + m));
  }

  /** The AWS error code of a service error, or null. */
  public static String code(Throwable e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      return s.awsErrorDetails().errorCode();
    }
    return null;
  }

  /** True when the error's code is one of the given ones. */
  public static boolean is(Throwable e, String... codes) {
    String c = code(e);
    if (c == null) {
      return false;
    }
    for (String x : codes) {
      if (x.equals(c)) {
        return true;
      }
    }
    return false;
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
