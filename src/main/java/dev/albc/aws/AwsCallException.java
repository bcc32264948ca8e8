package dev.albc.aws;

/**
 * An AWS call that failed, with what it was for: {@code <Operation> on <resource>: <cause>}. Its
 * message is one line, fit for the CLI.
 */
public final class AwsCallException extends RuntimeException {
  private final String operation;
  private final String resource;

  public AwsCallException(String operation, String resource, Throwable cause) {
    super(operation + " on " + resource + " failed: " + AwsErrors.cause(cause), cause);
    this.operation = operation;
    this.resource = resource;
  }

  public String operation() {
    return operation;
  }

  public String resource() {
    return resource;
  }

  /** The AWS error code, or null. */
  public String errorCode() {
    return AwsErrors.code(getCause());
  }
}
