package dev.albc.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSignedCertTest {

    @Test
    void makesAValidServerCertificateForAllNames() throws Exception {
        SelfSignedCert cert = SelfSignedCert.generate(Duration.ofDays(30), "app.example.com", "*.example.com");

        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(cert.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        parsed.checkValidity();
        parsed.verify(parsed.getPublicKey());
        assertThat(parsed.getVersion()).isEqualTo(3);
        assertThat(parsed.getSubjectX500Principal().getName()).isEqualTo("CN=app.example.com");
        List<List<?>> sans = List.copyOf(parsed.getSubjectAlternativeNames());
        assertThat(sans).containsExactly(List.<Object>of(2, "app.example.com"), List.<Object>of(2, "*.example.com"));
        assertThat(parsed.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(parsed.getBasicConstraints()).isEqualTo(-1);
        assertThat(parsed.getKeyUsage()[0]).isTrue(); // digitalSignature
        assertThat(parsed.getKeyUsage()[2]).isTrue(); // keyEncipherment
        assertThat(parsed.getNotAfter().getTime() - parsed.getNotBefore().getTime())
                .isEqualTo(Duration.ofDays(30).plusHours(1).toMillis());

        // the PEM key is the certificate's key
        String pem = cert.privateKeyPem();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(parsed.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }
}
