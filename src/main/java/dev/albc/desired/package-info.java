/**
 * Stage 3: plans. {@link dev.albc.desired.DesiredStateBuilder} turns facts into the plan document
 * ({@code albc.dev/v1alpha1 DesiredState}, docs/plan-format.md) through the rules; {@link
 * dev.albc.desired.DesiredJson} writes it as JSON or YAML and {@link dev.albc.desired.DesiredTable} as a table.
 */
package dev.albc.desired;
