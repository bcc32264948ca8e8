package dev.albc.facts;

/**
 * A target group of the account ({@code aws elbv2 describe-target-groups}): what a
 * {@code targetGroupName} in an {@code actions.<name>} forward resolves to an ARN by name.
 */
public record TargetGroupFact(String name, String arn) {}
