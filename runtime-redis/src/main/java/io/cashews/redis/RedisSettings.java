package io.cashews.redis;

import io.cashews.codec.ValueCodec;
import io.cashews.spi.CacheUrl;
import io.cashews.spi.Options;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@code redis://} or {@code rediss://} URL and its options say, checked before any
 * connection is opened, so that a typo fails the setup with a message naming it.
 *
 * @param hosts the seed addresses; one unless {@code cluster=true}
 * @param tls {@code rediss://}
 * @param user the ACL user name, or {@code null}
 * @param password the password, or {@code null}
 * @param database the database index from the URL path
 * @param suppress connection failures read as misses and failed writes
 * @param connectTimeout {@code socket_connect_timeout}
 * @param commandTimeout {@code socket_timeout}: how long one command may take
 * @param clientName {@code client_name}
 * @param cluster {@code cluster}
 * @param clientSide {@code client_side}
 * @param clientSidePrefix {@code client_side_prefix}
 * @param clientSideSize {@code client_side_size}: most entries in the local copy
 * @param requestQueueSize {@code request_queue_size}: most commands queued or awaiting their reply
 *     on the connection; more are refused at once
 * @param caFile {@code ssl_ca_certs}: PEM certificates to trust, or {@code null} for the JDK's
 * @param certFile {@code ssl_certfile}: the client certificate (PEM), or {@code null}
 * @param keyFile {@code ssl_keyfile}: the client key (PKCS#8 PEM; a PKCS#1 {@code BEGIN RSA PRIVATE KEY}
 *     file fails the setup naming the conversion), or {@code null}
 * @param verifyPeer {@code ssl_cert_reqs}: {@code required} (default) or {@code none}
 * @param connections {@code connections}: how many connections commands are spread over, by key
 *     (default 1)
 */
record RedisSettings(List<HostAndPort> hosts, boolean tls, @Nullable String user, @Nullable String password,
        int database, boolean suppress, Duration connectTimeout, Duration commandTimeout, String clientName,
        boolean cluster, boolean clientSide, String clientSidePrefix, long clientSideSize, int requestQueueSize,
        @Nullable File caFile, @Nullable File certFile, @Nullable File keyFile, boolean verifyPeer, int connections) {

    /** The options of this backend besides the codec's. */
    static final Set<String> OWN_OPTIONS = Set.of("suppress", "socket_connect_timeout", "socket_timeout",
            "client_name", "cluster", "client_side", "client_side_prefix", "client_side_size", "request_queue_size",
            "ssl_ca_certs", "ssl_certfile", "ssl_keyfile", "ssl_cert_reqs", "connections");

    static final int DEFAULT_PORT = 6379;

    /** The most connections one backend opens. */
    static final int MAX_CONNECTIONS = 64;

    /**
     * Enough for large batches (a 50,000-key commit) on a healthy server; on a hung one it bounds
     * what waits for the timeout (about 1.4 KB a command were measured while queued).
     */
    static final int DEFAULT_REQUEST_QUEUE_SIZE = 100_000;

    /** One address. */
    record HostAndPort(String host, int port) {
        @Override
        public String toString() {
            return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    /**
     * Every option name the provider accepts.
     *
     * @return own and codec options
     */
    static Set<String> optionNames() {
        Set<String> all = new HashSet<>(OWN_OPTIONS);
        all.addAll(ValueCodec.OPTION_NAMES);
        return Set.copyOf(all);
    }

    /**
     * Reads a URL and its options.
     *
     * @param url the parsed URL
     * @param options the merged options
     * @return the settings
     * @throws IllegalArgumentException naming the part of the URL or the option that is wrong
     */
    static RedisSettings parse(CacheUrl url, Options options) {
        String authority = url.authority();
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String info = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = info.indexOf(':');
            String rawUser = colon < 0 ? info : info.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(url, rawUser);
            password = colon < 0 ? null : decode(url, info.substring(colon + 1));
            if (colon < 0 && user != null) {
                // redis://secret@host is the usual spelling of a password without a user.
                password = user;
                user = null;
            }
        }
        boolean cluster = options.getBoolean("cluster", false);
        List<HostAndPort> hosts = new ArrayList<>();
        for (String part : authority.isEmpty() ? new String[] {"localhost"} : authority.split(",", -1)) {
            hosts.add(hostAndPort(url, part.trim()));
        }
        if (hosts.size() > 1 && !cluster) {
            throw new IllegalArgumentException("cache URL \"" + url + "\" names " + hosts.size()
                    + " hosts; several hosts need the option cluster=true");
        }
        int database = 0;
        String path = url.path();
        if (!path.isEmpty() && !path.equals("/")) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                database = -1;
            }
            if (database < 0) {
                throw new IllegalArgumentException("cache URL \"" + url + "\": the path must be a database number"
                        + " such as /0, got '" + path + "'");
            }
            if (cluster && database != 0) {
                throw new IllegalArgumentException("cache URL \"" + url + "\": Redis Cluster has only database 0");
            }
        }
        boolean clientSide = options.getBoolean("client_side", false);
        String certReqs = options.getChoice("ssl_cert_reqs", "required", "required", "none");
        boolean tls = url.scheme().equals("rediss");
        for (String name : List.of("ssl_ca_certs", "ssl_certfile", "ssl_keyfile", "ssl_cert_reqs")) {
            if (!tls && options.has(name)) {
                throw new IllegalArgumentException("option '" + name + "' needs a rediss:// URL (TLS), not " + url.scheme() + "://");
            }
        }
        File certFile = file(options, "ssl_certfile");
        File keyFile = file(options, "ssl_keyfile");
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("options 'ssl_certfile' and 'ssl_keyfile' go together: give both or neither");
        }
        if (keyFile != null) {
            requirePkcs8(keyFile);
        }
        int connections = options.getInt("connections", 1, 1);
        if (connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("option 'connections' must be at most " + MAX_CONNECTIONS + ", got " + connections);
        }
        if (connections > 1 && clientSide) {
            throw new IllegalArgumentException("option 'connections=" + connections + "' cannot go with client_side=true:"
                    + " every command of a client-side cache stays on its one tracking connection, in order with the"
                    + " invalidations Redis pushes there; leave connections out (or 1)");
        }
        return new RedisSettings(List.copyOf(hosts), tls, user, password, database,
                options.getBoolean("suppress", true),
                positive(options, "socket_connect_timeout", Duration.ofSeconds(1)),
                positive(options, "socket_timeout", Duration.ofSeconds(1)),
                options.getString("client_name", "cashews"),
                cluster, clientSide,
                options.getString("client_side_prefix", "cashews:"),
                options.getLong("client_side_size", 10_000, 1),
                options.getInt("request_queue_size", DEFAULT_REQUEST_QUEUE_SIZE, 1),
                file(options, "ssl_ca_certs"), certFile, keyFile, certReqs.equals("required"), connections);
    }

    private static Duration positive(Options options, String name, Duration defaultValue) {
        Duration value = options.getDuration(name, defaultValue);
        if (value.isZero()) {
            throw new IllegalArgumentException("option '" + name + "' must be positive, got \"0\"");
        }
        return value;
    }

    private static final Pattern TRADITIONAL_KEY = Pattern.compile("-----BEGIN (RSA|EC|DSA) PRIVATE KEY-----");

    // Netty reads only PKCS#8; a traditional key otherwise fails at connect time with nothing but
    // "Unable to connect" (issue 21), so name the format and the conversion at setup.
    private static void requirePkcs8(File keyFile) {
        String text;
        try {
            text = Files.readString(keyFile.toPath(), StandardCharsets.US_ASCII);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("option 'ssl_keyfile': cannot read \"" + keyFile + "\": " + e, e);
        }
        Matcher header = TRADITIONAL_KEY.matcher(text);
        if (header.find()) {
            throw new IllegalArgumentException("option 'ssl_keyfile': \"" + keyFile + "\" holds a traditional (PKCS#1 or SEC1) key (-----BEGIN "
                    + header.group(1) + " PRIVATE KEY-----); the client key must be PKCS#8 (-----BEGIN PRIVATE KEY-----):"
                    + " convert it with openssl pkcs8 -topk8 -nocrypt -in " + keyFile.getName() + " -out key-pkcs8.pem");
        }
    }

    private static @Nullable File file(Options options, String name) {
        String path = options.getString(name, null);
        if (path == null) {
            return null;
        }
        File file = new File(path);
        if (!file.isFile()) {
            throw new IllegalArgumentException("option '" + name + "' names a file that does not exist: \"" + path + "\"");
        }
        return file;
    }

    private static HostAndPort hostAndPort(CacheUrl url, String text) {
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("cache URL \"" + url + "\": unclosed '[' in host '" + text + "'");
            }
            host = text.substring(1, close);
            if (close + 1 < text.length()) {
                if (text.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("cache URL \"" + url + "\": bad host '" + text + "'");
                }
                port = text.substring(close + 2);
            }
        } else {
            int colon = text.lastIndexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("cache URL \"" + url + "\": empty host in '" + text + "'");
        }
        if (port == null) {
            return new HostAndPort(host, DEFAULT_PORT);
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1 || number > 65535) {
            throw new IllegalArgumentException("cache URL \"" + url + "\": bad port '" + port + "' in '" + text + "'");
        }
        return new HostAndPort(host, number);
    }

    private static String decode(CacheUrl url, String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cache URL \"" + url + "\": bad percent-encoding in the user info", e);
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + (user != null ? user + "@" : "") + hosts + "/" + database;
    }
}
