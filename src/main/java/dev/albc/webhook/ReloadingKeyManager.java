package dev.albc.webhook;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key manager over the mounted certificate files that re-reads them when their modification time
 * changes (checked at most once a second, at a handshake), so a renewed Secret is served without a
 * restart. A file that cannot be read keeps the last good certificate (docs/targets.md, "Webhook
 * server").
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);
  private static final String ALIAS = "webhook";

  private final Path certFile;
  private final Path keyFile;
  private volatile PemFiles.Identity identity;
  private volatile String stamp;
  private volatile long checkedAt;

  ReloadingKeyManager(Path certFile, Path keyFile) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.identity = PemFiles.read(certFile, keyFile); // the first read must succeed
    this.stamp = stamp();
  }

  private String stamp() {
    try {
      FileTime c = Files.getLastModifiedTime(certFile);
      FileTime k = Files.getLastModifiedTime(keyFile);
      return c + "|" + k + "|" + Files.size(certFile) + "|" + Files.size(keyFile);
    } catch (java.io.IOException e) {
      return "unreadable";
    }
  }

  private PemFiles.Identity current() {
    long now = System.nanoTime();
    if (now - checkedAt > 1_000_000_000L) {
      checkedAt = now;
      String s = stamp();
      if (!s.equals(stamp)) {
        try {
          identity = PemFiles.read(certFile, keyFile);
          stamp = s;
          LOG.info("webhook certificate reloaded from {}", certFile);
        } catch (RuntimeException e) {
          LOG.warn("webhook certificate {} changed but cannot be read; serving the previous one: {}", certFile,
              e.getMessage());
        }
      }
    }
    return identity;
  }

  /** Checks the files now (for tests). */
  void checkNow() {
    checkedAt = 0;
    current();
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return matches(keyType) ? ALIAS : null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return matches(keyType) ? ALIAS : null;
  }

  /** The TLS stack asks per key type (RSA, EC, …): offer the key only for its own. */
  private boolean matches(String keyType) {
    return keyType != null && keyType.equalsIgnoreCase(current().key().getAlgorithm());
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return current().chain().toArray(X509Certificate[]::new);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return current().key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return matches(keyType) ? new String[] {ALIAS} : null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return new String[0];
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
