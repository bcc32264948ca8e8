package dev.albc.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.albc.rules.lib.Cidrs;
import org.junit.jupiter.api.Test;

/** CIDR checks parse literals only. */
class CidrsTest {
  @Test
  void canonicalCidrsPass() {
    assertThat(Cidrs.problem("10.0.0.0/8")).isNull();
    assertThat(Cidrs.problem("0.0.0.0/0")).isNull();
    assertThat(Cidrs.problem("2001:db8::/32")).isNull();
    assertThat(Cidrs.problem("::/0")).isNull();
  }

  @Test
  void hostBitsAndBadPrefixesAreRefused() {
    assertThat(Cidrs.problem("10.0.0.1/8")).contains("not canonical");
    assertThat(Cidrs.problem("10.0.0.0/33")).contains("out of range");
    assertThat(Cidrs.problem("10.0.0.0")).contains("no prefix length");
    assertThat(Cidrs.problem("300.0.0.0/8")).contains("not an IP address");
  }

  @Test
  void namesAreNeverLookedUp() {
    // "cafe" is made of hex digits; a host-name lookup would have been attempted before
    assertThat(Cidrs.problem("cafe/24")).contains("not an IP address");
    assertThat(Cidrs.problem("localhost/32")).contains("not an IP address");
  }
}
