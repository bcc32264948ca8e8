package dev.albc.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The facts of an offline plan: Kubernetes manifests (files or folders) and AWS CLI JSON dumps.
 * A JSON file found among the manifests whose top-level keys are the AWS CLI's ({@code Subnets},
 * {@code RouteTables}, …) and that has no {@code kind} is read as AWS facts, so a folder can hold
 * both.
 */
public final class FactInputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FactInputs() {}

  /** Reads manifests (and AWS dumps among them) and the explicit AWS fact files. */
  public static List<Object> read(Collection<Path> manifestPaths, Collection<Path> awsFactPaths, String vpcId) {
    List<InputText> texts = InputText.read(manifestPaths, InputText.MANIFEST_EXTENSIONS);
    List<InputText> aws = new ArrayList<>(InputText.read(awsFactPaths, InputText.JSON_EXTENSIONS));
    return facts(texts, aws, vpcId);
  }

  /** Facts from texts; manifests that are AWS CLI dumps move to the AWS side. */
  public static List<Object> facts(List<InputText> manifests, List<InputText> awsJson, String vpcId) {
    List<InputText> kube = new ArrayList<>();
    List<InputText> aws = new ArrayList<>(awsJson);
    for (InputText t : manifests) {
      if (isAwsDump(t)) {
        aws.add(t);
      } else {
        kube.add(t);
      }
    }
    ClusterFacts cluster = new ManifestReader().load(kube).facts();
    AwsFacts awsFacts = new AwsFactsReader(vpcId == null || vpcId.isEmpty() ? null : vpcId).load(aws);
    List<Object> all = new ArrayList<>(cluster.all());
    all.addAll(awsFacts.all());
    return all;
  }

  /** A JSON document with AWS CLI top-level keys and no Kubernetes {@code kind}. */
  static boolean isAwsDump(InputText t) {
    if (!t.isJson()) {
      return false;
    }
    try {
      JsonNode n = JSON.readTree(t.text());
      if (n == null || !n.isObject() || n.has("kind")) {
        return false;
      }
      var names = n.fieldNames();
      while (names.hasNext()) {
        if (AwsFactsReader.KEYS.contains(names.next())) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }
}
