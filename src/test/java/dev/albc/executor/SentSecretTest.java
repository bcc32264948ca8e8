package dev.albc.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The salted hash albc keeps of a client secret it sent (docs/apply.md#client-secrets). */
class SentSecretTest {
  @Test
  void theHashMatchesTheValueItWasMadeFromAndNoOther() {
    SentSecret s = SentSecret.of("shop/oidc", "clientSecret", "s3cret-one");
    assertThat(s.matches("s3cret-one")).isTrue();
    assertThat(s.matches("s3cret-two")).isFalse();
    assertThat(s.matches("")).isFalse();
    assertThat(s.matches(null)).isFalse();
    assertThat(s.complete()).isTrue();
  }

  @Test
  void eachHashHasItsOwnSaltAndShowsNeitherTheValueNorItsPlainSha256() throws Exception {
    SentSecret a = SentSecret.of("shop/oidc", "clientSecret", "s3cret-one");
    SentSecret b = SentSecret.of("shop/oidc", "clientSecret", "s3cret-one");
    assertThat(a.hash()).isNotEqualTo(b.hash());
    assertThat(a.matches("s3cret-one")).isTrue();
    assertThat(b.matches("s3cret-one")).isTrue();
    String[] parts = a.hash().split("\\$");
    assertThat(parts).hasSize(4);
    assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
    assertThat(parts[1]).isEqualTo("100000");
    assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(16);
    assertThat(Base64.getUrlDecoder().decode(parts[3])).hasSize(32);
    byte[] plain = MessageDigest.getInstance("SHA-256").digest("s3cret-one".getBytes(StandardCharsets.UTF_8));
    assertThat(a.hash()).doesNotContain("s3cret").doesNotContain(HexFormat.of().formatHex(plain))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(plain));
  }

  @Test
  void aKnownVectorOfPbkdf2HmacSha256IsMatched() {
    // RFC 7914 section 11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, dkLen=64; its first 32 bytes
    String salt = Base64.getUrlEncoder().withoutPadding().encodeToString("salt".getBytes(StandardCharsets.UTF_8));
    String dk = Base64.getUrlEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"));
    SentSecret s = new SentSecret("a/b", "k", "pbkdf2-sha256$1$" + salt + "$" + dk);
    assertThat(s.matches("passwd")).isTrue();
    assertThat(s.matches("passwd2")).isFalse();
  }

  @Test
  void aHashInAnotherSchemeOrUnreadableMatchesNothing() {
    String good = SentSecret.of("shop/oidc", "clientSecret", "x").hash();
    String[] p = good.split("\\$");
    for (String bad : new String[] {"sha256:10d083a3fb48460e", "bcrypt$" + p[1] + "$" + p[2] + "$" + p[3],
        "pbkdf2-sha256$0$" + p[2] + "$" + p[3], "pbkdf2-sha256$99999999$" + p[2] + "$" + p[3],
        "pbkdf2-sha256$x$" + p[2] + "$" + p[3], "pbkdf2-sha256$100000$!!$" + p[3],
        "pbkdf2-sha256$100000$" + p[2] + "$AAAA", "pbkdf2-sha256$100000$$" + p[3], ""}) {
      assertThat(new SentSecret("shop/oidc", "clientSecret", bad).matches("x")).as(bad).isFalse();
    }
    assertThat(new SentSecret(null, "clientSecret", good).complete()).isFalse();
    assertThat(new SentSecret("shop/oidc", " ", good).complete()).isFalse();
    assertThat(new SentSecret("shop/oidc", "clientSecret", null).complete()).isFalse();
  }
}
