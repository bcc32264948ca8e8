package dev.albc.testinfra;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed RSA server certificate for a list of DNS names, made with the JDK alone (the JDK can
 * sign but has no public API to build a certificate, so the X.509 structure is DER-encoded here).
 * Used to import certificates into ACM in tests.
 */
public record SelfSignedCert(X509Certificate certificate, PrivateKey privateKey) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate valid from one hour ago for {@code validity}; the first name is also the CN. */
    public static SelfSignedCert generate(Duration validity, String... dnsNames) {
        if (dnsNames.length == 0) {
            throw new IllegalArgumentException("at least one DNS name");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            KeyPair keys = generator.generateKeyPair();
            Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
            Instant notAfter = notBefore.plus(validity).plus(Duration.ofHours(1));

            byte[] sha256WithRsa = seq(oid("1.2.840.113549.1.1.11"), new byte[] {0x05, 0x00});
            String cn = dnsNames[0].length() <= 64 ? dnsNames[0] : "albc-test";
            byte[] name = seq(set(seq(oid("2.5.4.3"), tlv(0x0C, cn.getBytes(StandardCharsets.UTF_8)))));

            List<byte[]> sans = new ArrayList<>();
            for (String dns : dnsNames) {
                sans.add(tlv(0x82, dns.getBytes(StandardCharsets.US_ASCII))); // dNSName [2] IMPLICIT IA5String
            }
            byte[] extensions = tlv(0xA3, seq(
                    extension("2.5.29.19", true, seq()),                                    // basicConstraints CA:FALSE
                    extension("2.5.29.15", true, new byte[] {0x03, 0x02, 0x05, (byte) 0xA0}), // digitalSignature, keyEncipherment
                    extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"))),         // extKeyUsage serverAuth
                    extension("2.5.29.17", false, seq(sans.toArray(byte[][]::new)))));     // subjectAltName

            byte[] tbs = seq(
                    tlv(0xA0, integer(BigInteger.TWO)), // v3
                    integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)),
                    sha256WithRsa,
                    name,
                    seq(time(notBefore), time(notAfter)),
                    name,
                    keys.getPublic().getEncoded(), // SubjectPublicKeyInfo, already DER
                    extensions);

            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bitString = new byte[signature.length + 1]; // no unused bits
            System.arraycopy(signature, 0, bitString, 1, signature.length);
            byte[] der = seq(tbs, sha256WithRsa, tlv(0x03, bitString));

            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            cert.verify(keys.getPublic());
            return new SelfSignedCert(cert, keys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    public String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key as unencrypted PKCS#8 PEM, as ACM's ImportCertificate takes it. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    // ---- a minimal DER encoder ----------------------------------------------------------------------

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? seq(oid(oid), new byte[] {0x01, 0x01, (byte) 0xFF}, tlv(0x04, value))
                : seq(oid(oid), tlv(0x04, value));
    }

    private static byte[] time(Instant t) {
        int year = t.atZone(ZoneOffset.UTC).getYear();
        return year < 2050
                ? tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC)
                        .format(t).getBytes(StandardCharsets.US_ASCII))
                : tlv(0x18, DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC)
                        .format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    private static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long v = Long.parseLong(parts[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) {
                int b = (int) ((v >>> (7 * g)) & 0x7F);
                out.write(g > 0 ? b | 0x80 : b);
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... items) {
        return tlv(0x30, concat(items));
    }

    private static byte[] set(byte[]... items) {
        return tlv(0x31, concat(items));
    }

    private static byte[] concat(byte[]... items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] item : items) {
            out.writeBytes(item);
        }
        return out.toByteArray();
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
