package dev.albc.changes;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One member that differs: its name, the value in AWS, the wanted value. */
@JsonPropertyOrder({"field", "from", "to"})
public record FieldDiff(String field, String from, String to) {}
