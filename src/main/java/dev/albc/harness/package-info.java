/**
 * The rule test harness ({@code albc test-rules}, and albc's own case tests): case files
 * ({@code *.test.yaml}) with given manifests, AWS facts and settings, and expected plan resources,
 * diagnostics and rule firings. Format: docs/rules.md.
 */
package dev.albc.harness;
