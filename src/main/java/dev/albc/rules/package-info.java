/**
 * Stage 2 of the pipeline: the Drools engine that turns facts into settings, diagnostics and
 * intents. The DRL lives in {@code src/main/resources/rules/}; the vocabulary rules use is in {@link
 * dev.albc.rules.api}; pure helpers the built-in rules call are in {@link dev.albc.rules.lib}.
 */
package dev.albc.rules;
