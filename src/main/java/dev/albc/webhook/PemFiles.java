package dev.albc.webhook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook's certificate chain and key from PEM files, as a Kubernetes TLS Secret mounts them
 * ({@code tls.crt}, {@code tls.key}): the key as PKCS#8 ({@code PRIVATE KEY}, RSA or EC) or PKCS#1
 * ({@code RSA PRIVATE KEY}, what Helm's genSignedCert writes). Other forms are refused loudly.
 */
public final class PemFiles {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

  private PemFiles() {}

  public record Identity(List<X509Certificate> chain, PrivateKey key) {}

  public static Identity read(Path certFile, Path keyFile) {
    try {
      List<X509Certificate> chain = new ArrayList<>();
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(Files.readString(certFile, StandardCharsets.US_ASCII))) {
        if (b.type().equals("CERTIFICATE")) {
          chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
      if (chain.isEmpty()) {
        throw new IllegalArgumentException(certFile + " holds no CERTIFICATE block");
      }
      List<Block> keys = blocks(Files.readString(keyFile, StandardCharsets.US_ASCII));
      if (keys.isEmpty()) {
        throw new IllegalArgumentException(keyFile + " holds no PEM block");
      }
      return new Identity(List.copyOf(chain), key(keys.get(0), keyFile));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the webhook certificate: " + e, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot parse the webhook certificate or key: " + e.getMessage(), e);
    }
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(String pem) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    return out;
  }

  private static PrivateKey key(Block b, Path file) throws GeneralSecurityException {
    return switch (b.type()) {
      case "PRIVATE KEY" -> pkcs8(b.der());
      case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrapRsa(b.der())));
      default -> throw new IllegalArgumentException(file + ": a \"" + b.type()
          + "\" block is not supported; give a PKCS#8 PRIVATE KEY or an RSA PRIVATE KEY");
    };
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
  }

  /** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, the key as an OCTET STRING). */
  static byte[] wrapRsa(byte[] pkcs1) {
    byte[] algorithm = {0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01,
        0x01, 0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(version);
    body.writeBytes(algorithm);
    body.writeBytes(tlv(0x04, pkcs1));
    return tlv(0x30, body.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = value.length;
    if (len < 0x80) {
      out.write(len);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(len) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((len >>> (8 * i)) & 0xFF);
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
