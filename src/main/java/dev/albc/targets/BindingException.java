package dev.albc.targets;

/** A binding that cannot be reconciled as written (its Service is missing, has no NodePort, …). */
public final class BindingException extends RuntimeException {
  public BindingException(String message) {
    super(message);
  }
}
