package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.CacheBackendInteractionException;
import io.cashews.Cashews;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss://} against the embedded {@code redis-server} (built with TLS) serving a
 * self-signed certificate generated for {@code localhost} by the JDK's {@code keytool}.
 */
class RedisTlsTest {

    private static Path directory;
    private static Path cert;
    private static Path key;
    private static RedisProcess redis;
    private static int tlsPort;

    @BeforeAll
    static void startTlsServer() throws Exception {
        directory = Files.createTempDirectory("cashews-tls");
        Path keystore = directory.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "redis", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        writePem(keystore);
        tlsPort = RedisProcess.freePort();
        redis = RedisProcess.launch("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", cert.toString(),
                "--tls-key-file", key.toString(), "--tls-ca-cert-file", cert.toString(), "--tls-auth-clients", "yes");
    }

    private static void writePem(Path keystore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        Certificate certificate = store.getCertificate("redis");
        Key privateKey = store.getKey("redis", "changeit".toCharArray());
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        cert = directory.resolve("cert.pem");
        key = directory.resolve("key.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + base64.encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        // PKCS#8, which OpenSSL (the server) and Lettuce (the client) both read.
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(privateKey.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.kill();
        }
    }

    private static String url() {
        return "rediss://localhost:" + tlsPort;
    }

    private static String clientCert() {
        return "&ssl_certfile=" + cert + "&ssl_keyfile=" + key;
    }

    // For the setups that must connect: a TLS handshake plus HELLO took over the default second at
    // load 10 on two cores ("Connection initialization timed out after 1 second(s)").
    private static String patient() {
        return "&socket_connect_timeout=10&socket_timeout=10";
    }

    @Test
    void trustedServerAndClientCertificatesConnectAndCache() {
        try (Cashews cashews = new Cashews()) {
            cashews.setup(url() + "?suppress=false&ssl_ca_certs=" + cert + clientCert() + patient());
            assertThat(cashews.set("tls", new ArrayList<>(List.of("secure")))).isTrue();
            assertThat(cashews.<List<String>>get("tls")).containsExactly("secure");
            assertThat(cashews.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void untrustedServerCertificateIsRefused() {
        try (Cashews cashews = new Cashews()) {
            assertThatThrownBy(() -> cashews.setup(url() + "?suppress=false" + clientCert()))
                    .isInstanceOf(CacheBackendInteractionException.class);
        }
    }

    @Test
    void serverRefusesAClientWithoutCertificate() {
        try (Cashews cashews = new Cashews()) {
            assertThatThrownBy(() -> {
                cashews.setup(url() + "?suppress=false&ssl_ca_certs=" + cert);
                cashews.ping();
            }).isInstanceOf(CacheBackendInteractionException.class);
        }
    }

    @Test
    void serverVerificationCanBeSwitchedOff() {
        try (Cashews cashews = new Cashews()) {
            cashews.setup(url() + "?suppress=false&ssl_cert_reqs=none" + clientCert() + patient());
            assertThat(cashews.ping()).isEqualTo("PONG");
        }
    }
}
