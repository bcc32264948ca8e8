/**
 * Stage 2's output: intents, the AWS (and TargetGroupBinding) resources a group wants. Their JSON
 * members are the AWS SDK create requests' own names (docs/plan-format.md). A value another resource
 * of the plan will produce is a {@link dev.albc.intents.Ref}.
 */
package dev.albc.intents;
