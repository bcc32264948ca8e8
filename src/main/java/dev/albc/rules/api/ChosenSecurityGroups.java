package dev.albc.rules.api;

import java.util.List;

/**
 * The security groups of a group's load balancer (derive phase): literal ids and/or {@code Ref}s to
 * the managed and backend security groups of the plan.
 */
public record ChosenSecurityGroups(String groupId, List<Object> securityGroups, boolean managed) {}
