package dev.albc.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.albc.rules.RuleSource;
import dev.albc.rules.api.Names;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.PatchUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rule sources a reconcile hung in, marked so that a restarted controller runs without them
 * (docs/controller.md "A rule that hangs"). The mark is the source's content hash, so an edited
 * source (another hash) is tried again through the check before a swap:
 *
 * <ul>
 *   <li>a rule ConfigMap: the annotation {@value #ANNOTATION} on it (and {@value #REASON} saying why);
 *   <li>a {@code --rules-dir} file (a mounted folder albc cannot annotate): an entry in the ConfigMap
 *       {@value #RECORD} of the controller's namespace, key {@link #recordKey} of the file's name,
 *       value the SHA-256 of its text.
 * </ul>
 */
public final class RejectedSources {
  /** On a rule ConfigMap: the SHA-256 ({@link #hash}) of the version a reconcile hung in. */
  public static final String ANNOTATION = "albc.dev/rules-rejected";
  /** On a rule ConfigMap: why it was marked (the group, the file, the rule). */
  public static final String REASON = "albc.dev/rules-rejected-reason";
  /** The ConfigMap, in the controller's namespace, recording the {@code --rules-dir} files a reconcile hung in. */
  public static final String RECORD = "albc-rules-rejected";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_REASON = 1024;

  private final ApiClient kube;
  private final String namespace;

  public RejectedSources(ApiClient kube, String namespace) {
    this.kube = kube;
    this.namespace = namespace;
  }

  // ---- pure: which source a file is, its content hash, whether it is marked ---------------------

  /**
   * The content hash of a rule ConfigMap: the SHA-256 of its {@code .drl} keys and texts, in key
   * order — what the controller loads from it, so a change of anything else does not count.
   */
  public static String hash(SortedMap<String, String> files) {
    StringBuilder s = new StringBuilder();
    files.forEach((k, v) -> s.append(k).append('\u0000').append(v).append('\u0000'));
    return Names.sha256(s.toString());
  }

  /** Whether this ConfigMap version is the one marked rejected. */
  public static boolean marked(V1ObjectMeta meta, SortedMap<String, String> files) {
    Map<String, String> ann = meta == null ? null : meta.getAnnotations();
    String mark = ann == null ? null : ann.get(ANNOTATION);
    return mark != null && mark.strip().equals(hash(files));
  }

  /** The ConfigMap a rule file came from ({@code configmap/<name>/<key>}), or null for a {@code --rules-dir} file. */
  public static String configMapOf(String file) {
    if (!file.startsWith(ConfigMapRules.PREFIX)) {
      return null;
    }
    String rest = file.substring(ConfigMapRules.PREFIX.length());
    int slash = rest.indexOf('/');
    return slash <= 0 ? null : rest.substring(0, slash);
  }

  /** The files of one ConfigMap among a rule set's sources, by key. */
  public static SortedMap<String, String> filesOf(String configMap, List<RuleSource> sources) {
    String prefix = ConfigMapRules.PREFIX + configMap + "/";
    SortedMap<String, String> out = new TreeMap<>();
    for (RuleSource s : sources) {
      if (s.name().startsWith(prefix)) {
        out.put(s.name().substring(prefix.length()), s.text());
      }
    }
    return out;
  }

  /** A ConfigMap data key for a {@code --rules-dir} file's name: every character outside {@code [-._a-zA-Z0-9]} → {@code _}. */
  public static String recordKey(String file) {
    String k = file.replaceAll("[^-._a-zA-Z0-9]", "_");
    return k.length() > 253 ? k.substring(k.length() - 253) : k;
  }

  /** Whether a {@code --rules-dir} file, as it is now, is recorded rejected in {@code record} (key → hash). */
  public static boolean recorded(Map<String, String> record, RuleSource file) {
    String mark = record.get(recordKey(file.name()));
    return mark != null && mark.strip().equals(Names.sha256(file.text()));
  }

  /** The {@code --rules-dir} files without those recorded rejected; the names of those left out go to {@code skipped}. */
  public static List<RuleSource> withoutRecorded(List<RuleSource> dirFiles, Map<String, String> record,
      List<String> skipped) {
    List<RuleSource> out = new ArrayList<>();
    for (RuleSource f : dirFiles) {
      if (recorded(record, f)) {
        skipped.add(f.name());
      } else {
        out.add(f);
      }
    }
    return out;
  }

  static String reason(String text) {
    return text.length() > MAX_REASON ? text.substring(0, MAX_REASON - 3) + "..." : text;
  }

  // ---- I/O: the marks in the cluster ----------------------------------------------------------

  /** Marks a ConfigMap's version rejected (merge patch of its annotations: nothing else changes). */
  public void markConfigMap(String name, String hash, String why) throws ApiException {
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode ann = patch.putObject("metadata").putObject("annotations");
    ann.put(ANNOTATION, hash);
    ann.put(REASON, reason(why));
    CoreV1Api core = new CoreV1Api(kube);
    PatchUtils.patch(V1ConfigMap.class,
        () -> core.patchNamespacedConfigMap(name, namespace, new V1Patch(patch.toString())).buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, kube);
  }

  /** Records a {@code --rules-dir} file's text rejected in {@value #RECORD} (made when missing). */
  public void recordFile(RuleSource file) throws ApiException {
    CoreV1Api core = new CoreV1Api(kube);
    Map<String, String> entry = Map.of(recordKey(file.name()), Names.sha256(file.text()));
    try {
      core.createNamespacedConfigMap(namespace, new V1ConfigMap()
          .metadata(new V1ObjectMeta().name(RECORD).namespace(namespace))
          .data(new LinkedHashMap<>(entry))).execute();
      return;
    } catch (ApiException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    ObjectNode patch = JSON.createObjectNode();
    ObjectNode data = patch.putObject("data");
    entry.forEach(data::put);
    PatchUtils.patch(V1ConfigMap.class,
        () -> core.patchNamespacedConfigMap(RECORD, namespace, new V1Patch(patch.toString())).buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, kube);
  }

  /** The record of rejected {@code --rules-dir} files (key → hash); empty when there is none. */
  public Map<String, String> readRecord() throws ApiException {
    try {
      V1ConfigMap cm = new CoreV1Api(kube).readNamespacedConfigMap(RECORD, namespace).execute();
      return cm.getData() == null ? Map.of() : Map.copyOf(cm.getData());
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return Map.of();
      }
      throw e;
    }
  }
}
