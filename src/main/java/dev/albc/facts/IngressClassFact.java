package dev.albc.facts;

/**
 * A networking.k8s.io/v1 IngressClass.
 *
 * @param isDefault annotation {@code ingressclass.kubernetes.io/is-default-class: "true"}
 * @param paramsApiGroup {@code spec.parameters.apiGroup}, or null
 */
public record IngressClassFact(
    String name,
    String controller,
    boolean isDefault,
    String paramsApiGroup,
    String paramsKind,
    String paramsName) {

  public static final String ALB_CONTROLLER = "ingress.k8s.aws/alb";

  public boolean hasParams() {
    return paramsName != null && !paramsName.isEmpty();
  }
}
