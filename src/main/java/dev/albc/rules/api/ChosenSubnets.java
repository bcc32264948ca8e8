package dev.albc.rules.api;

import java.util.List;

/** The subnets chosen for a group's load balancer (derive phase), and why others were left out. */
public record ChosenSubnets(String groupId, List<String> subnetIds, String how, List<String> excluded) {}
