package dev.albc.targets;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 CIDR block and membership of IP literals (never a DNS lookup). */
record Cidr(BigInteger network, int bits, int length) {

  /** Parses {@code address/prefix}; IllegalArgumentException when it is not a CIDR block. */
  static Cidr parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR block: " + cidr);
    }
    byte[] addr = literal(cidr.substring(0, slash));
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    if (prefix < 0 || prefix > addr.length * 8) {
      throw new IllegalArgumentException("not a CIDR block: " + cidr);
    }
    return new Cidr(mask(new BigInteger(1, addr), addr.length * 8, prefix), prefix, addr.length * 8);
  }

  boolean contains(String ip) {
    byte[] a;
    try {
      a = literal(ip);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return a.length * 8 == length && mask(new BigInteger(1, a), length, bits).equals(network);
  }

  private static BigInteger mask(BigInteger v, int length, int prefix) {
    return v.shiftRight(length - prefix).shiftLeft(length - prefix);
  }

  /** The bytes of an IP literal; anything that is not a literal is refused before InetAddress sees it. */
  private static byte[] literal(String ip) {
    if (!ip.matches("[0-9.]+") && !ip.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("not an IP literal: " + ip);
    }
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + ip, e);
    }
  }
}
