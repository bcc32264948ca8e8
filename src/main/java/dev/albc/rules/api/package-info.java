/**
 * The rule API: the records and helpers that built-in and user DRL files use. This package is a
 * public contract for rule authors (docs/rule-authoring.md); keep it small, pure and stable.
 */
package dev.albc.rules.api;
