package dev.albc.rules.lib;

/**
 * CIDR checks: the reference requires canonical CIDRs (the network address, with a prefix). Only IP
 * literals are parsed — never a host name, so a rule never makes a DNS lookup.
 */
public final class Cidrs {
  private static final java.util.regex.Pattern IPV4 =
      java.util.regex.Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  private Cidrs() {}

  /** The address bytes of an IPv4 or IPv6 literal, or null. */
  static byte[] literal(String addr) {
    var m = IPV4.matcher(addr);
    if (m.matches()) {
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int v = Integer.parseInt(m.group(i + 1));
        if (v > 255) {
          return null;
        }
        b[i] = (byte) v;
      }
      return b;
    }
    if (!addr.contains(":") || !addr.matches("[0-9a-fA-F:.]+")) {
      return null;
    }
    try {
      // a string with ':' is parsed as an IPv6 literal only (no name lookup)
      byte[] b = java.net.InetAddress.getByName("[" + addr + "]").getAddress();
      return b.length == 16 ? b : null;
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  /** Why the text is not a canonical CIDR, or null when it is one. */
  public static String problem(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return "\"" + cidr + "\" has no prefix length (add /32 or /128 for one address)";
    }
    String addr = cidr.substring(0, slash);
    String digits = cidr.substring(slash + 1);
    if (!digits.matches("[0-9]{1,3}")) {
      return "\"" + cidr + "\" has an invalid prefix length";
    }
    int prefix = Integer.parseInt(digits);
    byte[] bytes = literal(addr);
    if (bytes == null) {
      return "\"" + cidr + "\" is not an IP address with a prefix";
    }
    int bits = bytes.length * 8;
    if (prefix < 0 || prefix > bits) {
      return "\"" + cidr + "\" has a prefix length out of range";
    }
    for (int i = prefix; i < bits; i++) {
      if ((bytes[i / 8] & (0x80 >> (i % 8))) != 0) {
        return "\"" + cidr + "\" is not canonical: host bits are set";
      }
    }
    return null;
  }
}
