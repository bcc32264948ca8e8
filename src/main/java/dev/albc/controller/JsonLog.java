package dev.albc.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;

/**
 * The controller's log: one JSON object a line ({@code ts}, {@code level}, {@code msg}, and when
 * known {@code stage}, {@code group}, {@code ingress}), as the reference's zap production logger.
 * {@code --log-level} is {@code info} or {@code debug}. See docs/controller.md "Logs".
 */
public final class JsonLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;
  private final boolean debug;

  public JsonLog(PrintStream out, String level) {
    this.out = out;
    this.debug = "debug".equals(level);
  }

  public void debug(String stage, String msg, String group, String ingress) {
    if (debug) {
      write("debug", stage, msg, group, ingress);
    }
  }

  public void info(String stage, String msg, String group, String ingress) {
    write("info", stage, msg, group, ingress);
  }

  public void warn(String stage, String msg, String group, String ingress) {
    write("warn", stage, msg, group, ingress);
  }

  public void error(String stage, String msg, String group, String ingress) {
    write("error", stage, msg, group, ingress);
  }

  private void write(String level, String stage, String msg, String group, String ingress) {
    ObjectNode o = JSON.createObjectNode();
    o.put("ts", Instant.now().toString());
    o.put("level", level);
    o.put("msg", msg);
    if (stage != null) {
      o.put("stage", stage);
    }
    if (group != null) {
      o.put("group", group);
    }
    if (ingress != null) {
      o.put("ingress", ingress);
    }
    try {
      String line = JSON.writeValueAsString(o);
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
