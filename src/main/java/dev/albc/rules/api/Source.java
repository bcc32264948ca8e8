package dev.albc.rules.api;

/** Where a setting's value came from. */
public enum Source {
  DEFAULT,
  FLAG,
  ANNOTATION,
  SERVICE_ANNOTATION,
  INGRESS_CLASS_PARAMS,
  RULE
}
