package dev.albc.webhook;

/** One webhook path's logic: a request in, an answer out. Must not block on AWS for validation. */
@FunctionalInterface
public interface AdmissionHandler {
  Admission.Response handle(Admission.Request request);
}
