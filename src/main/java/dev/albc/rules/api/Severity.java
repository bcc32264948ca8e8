package dev.albc.rules.api;

/** An error stops every change to its group; a warning is printed and does not. */
public enum Severity {
  ERROR,
  WARNING,
  INFO
}
