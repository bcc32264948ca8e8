package dev.albc.controller;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The condition-style status albc keeps on every managed Ingress, as JSON in its
 * {@value #ANNOTATION} annotation, for GitOps health checks (docs/controller.md "Status for GitOps
 * tools"). {@code lastTransitionTime} changes only when {@code type} changes.
 *
 * @param type {@link #READY}, {@link #DEGRADED} or {@link #PROGRESSING}
 * @param reason the event's reason ({@code SuccessfullyReconciled}, {@code FailedBuildModel}, …)
 * @param observedGeneration the Ingress's {@code metadata.generation} this status is about
 */
@JsonPropertyOrder({"type", "reason", "message", "observedGeneration", "lastTransitionTime"})
public record MemberStatus(String type, String reason, String message, Long observedGeneration,
    String lastTransitionTime) {

  public static final String ANNOTATION = Triggers.OWN_ANNOTATIONS + "status";
  public static final String READY = "Ready";
  public static final String DEGRADED = "Degraded";
  public static final String PROGRESSING = "Progressing";
  /** Longer messages are cut (annotations are read by people and health checks, not archives). */
  static final int MAX_MESSAGE = 1024;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();

  /**
   * The status to write after {@code previous} (null: none yet): the same transition time when the
   * type did not change.
   */
  public static MemberStatus next(MemberStatus previous, String type, String reason, String message,
      Long generation, Instant now) {
    String msg = message == null ? "" : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…"
        : message;
    String since = previous != null && type.equals(previous.type()) && previous.lastTransitionTime() != null
        ? previous.lastTransitionTime() : now.truncatedTo(ChronoUnit.SECONDS).toString();
    return new MemberStatus(type, reason, msg, generation, since);
  }

  /** Same type, reason, message, generation and transition time: nothing to write. */
  public boolean sameAs(MemberStatus other) {
    return other != null && Objects.equals(this, other);
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status not writable as JSON", e);
    }
  }

  /** The status in an annotation's value; null when absent or unreadable. */
  public static MemberStatus fromJson(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return JSON.readValue(json, MemberStatus.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
