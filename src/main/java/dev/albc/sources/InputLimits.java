package dev.albc.sources;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The limits every input file is read within (manifests, AWS facts, case files of test-rules, user
 * rule files), checked while reading so that no file can exhaust memory or time: docs/limits.md
 * gives each with its reason. A file past one is refused (exit 2) with a message naming the file and
 * the limit.
 */
public final class InputLimits {
  private InputLimits() {}

  /** Bytes of one input file (manifests, AWS facts, case files). */
  public static final int FILE_BYTES = 8 * 1024 * 1024;

  /** Characters of one YAML or JSON document: the Kubernetes API server's request limit is 3 MiB. */
  public static final int DOCUMENT_CHARS = 3 * 1024 * 1024;

  /**
   * Characters of one scalar (string), and of one line of a YAML file, checked before the YAML
   * parser sees it: its scanner takes time that grows with the square of an unbroken run of text.
   * 1 MiB holds any ConfigMap value Kubernetes accepts.
   */
  public static final int SCALAR_CHARS = 1024 * 1024;

  /** Aliases ({@code *name}) in one YAML document. */
  public static final int ALIASES_PER_DOCUMENT = 100;

  /** Nodes of one document once its aliases are expanded (a "billion laughs" grows past it). */
  public static final int NODES_PER_DOCUMENT = 1_000_000;

  /** Depth of mappings and sequences in one document, aliases expanded. */
  public static final int NESTING_DEPTH = 100;

  /** Bytes of one user rule file (.drl). */
  public static final int RULE_FILE_BYTES = 1024 * 1024;

  /** Bytes of one admission request body: the Kubernetes API server's request limit, as a document. */
  public static final int WEBHOOK_BODY_BYTES = DOCUMENT_CHARS;

  /** Jackson's own read limits set to albc's, for input of at most {@code documentBytes}. */
  public static StreamReadConstraints jackson(int documentBytes) {
    return StreamReadConstraints.builder()
        .maxNestingDepth(NESTING_DEPTH)
        .maxStringLength(SCALAR_CHARS)
        .maxDocumentLength(documentBytes)
        .build();
  }

  /** The sentence a refusal ends with: the limit's name, value and where it is documented. */
  public static String limit(String name, long value) {
    return "past the limit of " + String.format("%,d", value) + " " + name + " (docs/limits.md)";
  }
}
