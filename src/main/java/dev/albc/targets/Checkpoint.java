package dev.albc.targets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The value of the {@code elbv2.k8s.aws/checkpoint} annotation: a SHA-256 over the binding's spec
 * and its desired targets, so an unchanged binding makes no AWS call (docs/targets.md, "Checkpoint").
 */
public final class Checkpoint {
  private Checkpoint() {}

  public static String of(Binding b, Collection<Target> desired) {
    StringBuilder s = new StringBuilder(b.specSignature()).append('\n');
    for (Target t : new TreeSet<>(desired)) {
      s.append(t.identifier()).append(t.availabilityZone() == null ? "" : "@" + t.availabilityZone()).append(',');
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
