package dev.albc.rules.lib;

/** CIDR checks: the reference requires canonical CIDRs (the network address, with a prefix). */
public final class Cidrs {
  private Cidrs() {}

  /** Why the text is not a canonical CIDR, or null when it is one. */
  public static String problem(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return "\"" + cidr + "\" has no prefix length (add /32 or /128 for one address)";
    }
    String addr = cidr.substring(0, slash);
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return "\"" + cidr + "\" has an invalid prefix length";
    }
    byte[] bytes;
    try {
      if (!addr.matches("[0-9a-fA-F:.]+")) {
        return "\"" + cidr + "\" is not an IP address with a prefix";
      }
      bytes = java.net.InetAddress.getByName(addr).getAddress();
    } catch (java.net.UnknownHostException e) {
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
