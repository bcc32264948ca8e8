package dev.albc.intents;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A secret value in the plan: the Kubernetes Secret and key it comes from and a hash of the value,
 * never the value (docs/plan-format.md, "Secrets"). The executor sends the value it finds in that
 * Secret, after checking it still has this hash.
 *
 * @param secret {@code <namespace>/<name>} of the Secret
 * @param key the key in the Secret ({@code clientSecret})
 * @param hash {@code sha256:} and the first 16 hex digits of SHA-256 over
 *     {@code albc-secret\n<namespace>/<name>\n<key>\n<value>}
 */
@JsonPropertyOrder({"$secret", "Key", "Hash"})
public record SecretRef(
    @JsonProperty("$secret") String secret,
    @JsonProperty("Key") String key,
    @JsonProperty("Hash") String hash) {

  /** The placeholder of a value read from Secret {@code secret} (ns/name) under {@code key}. */
  public static SecretRef of(String secret, String key, String value) {
    return new SecretRef(secret, key, hash(secret, key, value));
  }

  /** The hash the placeholder shows for this value (salted with the Secret's name and key). */
  public static String hash(String secret, String key, String value) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] h = d.digest(("albc-secret\n" + secret + "\n" + key + "\n" + value).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
