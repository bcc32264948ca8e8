package dev.albc.targets;

/** A target as DescribeTargetHealth reports it: state, reason and description (reason may be null). */
public record TargetHealth(Target target, String state, String reason, String description) {

  public boolean healthy() {
    return "healthy".equals(state);
  }

  /** Draining ({@code draining}, {@code unhealthy.draining}): on its way out, ignored when matching. */
  public boolean draining() {
    return "draining".equals(state) || "unhealthy.draining".equals(state);
  }

  /** {@code unused} with reason {@code Target.NotRegistered}: not there at all. */
  public boolean notRegistered() {
    return "unused".equals(state) && "Target.NotRegistered".equals(reason);
  }
}
