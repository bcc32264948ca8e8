/**
 * Stage 3: plans. {@link dev.albc.plan.OfflinePlanner} turns facts into the plan document
 * ({@code albc.dev/v1alpha1 Plan}, docs/plan-format.md) through the rules; {@link
 * dev.albc.plan.PlanJson} writes it as JSON or YAML and {@link dev.albc.plan.PlanTable} as a table.
 */
package dev.albc.plan;
