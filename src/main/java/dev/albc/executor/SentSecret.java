package dev.albc.executor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * What albc keeps of a client secret it sent to a rule or listener, so that a later run (another
 * {@code apply}, a restarted controller) can tell a rotated Secret from the one sent without AWS,
 * which never returns it (docs/apply.md#client-secrets): the Secret and key it came from, and a
 * salted, slow hash of the value — never the value, nor a plain hash of it.
 *
 * <p>{@code hash} is {@code pbkdf2-sha256$<iterations>$<salt>$<digest>}: PBKDF2-HMAC-SHA256 of the
 * value over a random 16-byte salt of its own, {@value #ITERATIONS} iterations, 32 bytes,
 * salt and digest in unpadded base64url. The salt makes equal secrets hash differently and rules
 * out precomputed tables; the iterations make each guess of a weak secret cost what a password
 * store's does (docs/apply.md#client-secrets says why not a keyed hash).
 *
 * @param secret {@code <namespace>/<name>} of the Secret
 * @param key the key in it ({@code clientSecret})
 * @param hash the salted hash of the value sent
 */
@JsonPropertyOrder({"secret", "key", "hash"})
public record SentSecret(@JsonProperty("secret") String secret, @JsonProperty("key") String key,
    @JsonProperty("hash") String hash) {
  static final String SCHEME = "pbkdf2-sha256";
  static final int ITERATIONS = 100_000;
  private static final int SALT_BYTES = 16;
  private static final int DIGEST_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  /** The record of {@code value} sent from Secret {@code secret} under {@code key}, with a new random salt. */
  public static SentSecret of(String secret, String key, String value) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new SentSecret(secret, key, SCHEME + "$" + ITERATIONS + "$" + B64.encodeToString(salt) + "$"
        + B64.encodeToString(pbkdf2(value, salt, ITERATIONS)));
  }

  /**
   * True when {@code value} is the value this record was made from. A hash in another scheme, with
   * absurd iterations or unreadable parts, matches nothing.
   */
  public boolean matches(String value) {
    if (value == null || hash == null) {
      return false;
    }
    String[] p = hash.split("\\$", -1);
    if (p.length != 4 || !p[0].equals(SCHEME)) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(p[1]);
      if (iterations < 1 || iterations > 10 * ITERATIONS) {
        return false;
      }
      byte[] salt = UNB64.decode(p[2]);
      byte[] want = UNB64.decode(p[3]);
      return salt.length > 0 && want.length == DIGEST_BITS / 8
          && MessageDigest.isEqual(want, pbkdf2(value, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** True when it names a Secret, a key and a hash (a hand-edited annotation may not). */
  public boolean complete() {
    return secret != null && !secret.isBlank() && key != null && !key.isBlank() && hash != null && !hash.isBlank();
  }

  private static byte[] pbkdf2(String value, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(value.toCharArray(), salt, iterations, DIGEST_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }
}
