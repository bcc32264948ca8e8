package dev.albc.sources;

/**
 * Input that cannot be read: bad YAML or JSON, an object the Kubernetes models reject, a missing
 * apiVersion, kind or name, a duplicate object, an unknown AWS CLI document. The message names the
 * file (or origin), the document (1-based) and the object and field, and says what was expected.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
