package io.cxmyd.gateway.ops;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the metrics and health endpoints listen (the {@code metrics} block of the configuration).
 * Immutable; validated when built, with messages naming the key.
 */
public final class AdminHttpOptions {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9464;
    /** The endpoints take no body; a request line plus headers of a few kilobytes is plenty. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 8 * 1024;
    /** Long enough for Prometheus to keep its connection between scrapes (15 s to 1 min apart). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(90);

    /** A whole request (line, headers, body) must arrive within this time of its first octet or of the connect. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 8;

    private final String host;
    private final int port;
    private final int maxRequestBytes;
    private final Duration idleTimeout;
    private final Duration requestTimeout;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final java.util.Set<String> allowedHosts;
    private final String adminToken;

    private AdminHttpOptions(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.maxRequestBytes = builder.maxRequestBytes;
        this.idleTimeout = builder.idleTimeout;
        this.requestTimeout = builder.requestTimeout;
        this.maxConnections = builder.maxConnections;
        this.maxConnectionsPerAddress = builder.maxConnectionsPerAddress;
        this.allowedHosts = java.util.Set.copyOf(builder.allowedHosts);
        this.adminToken = builder.adminToken;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 127.0.0.1:9464. */
    public static AdminHttpOptions defaults() {
        return builder().build();
    }

    public String host() {
        return host;
    }

    /** The port; 0 picks a free one (see {@link AdminHttpServer#port()}). */
    public int port() {
        return port;
    }

    /** The largest request line, headers and body (each) accepted; larger requests are answered with an error. */
    public int maxRequestBytes() {
        return maxRequestBytes;
    }

    /** A connection with no traffic for this long is closed. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * The longest a request may take to arrive whole, from its first octet (or from the connect, for the first
     * one): one octet every 30 s kept connections open for ever under the idle timeout alone.
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Open connections in all; one more is closed at once. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Open connections from one address; one more from it is closed at once. */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /**
     * Host names accepted in the {@code Host} header besides IP literals and {@code localhost}: a web page
     * that rebinds its own name to this address must not read the metrics or the admin view.
     */
    public java.util.Set<String> allowedHosts() {
        return allowedHosts;
    }

    /** The bearer token the {@code /admin/...} routes require; null when the admin view is off. Never logged. */
    public String adminToken() {
        return adminToken;
    }

    @Override
    public String toString() {
        return "AdminHttpOptions[host=" + host + ", port=" + port + ", maxRequestBytes=" + maxRequestBytes
                + ", idleTimeout=" + idleTimeout + ", requestTimeout=" + requestTimeout + ", maxConnections="
                + maxConnections + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress + ", allowedHosts="
                + allowedHosts + "]";
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private java.util.Set<String> allowedHosts = java.util.Set.of();
        private String adminToken;

        private Builder() {
        }

        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("metrics.host: must not be blank, was '" + host + "'");
            }
            this.host = host.strip();
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("metrics.port: between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder maxRequestBytes(int maxRequestBytes) {
            if (maxRequestBytes < 1024 || maxRequestBytes > 1024 * 1024) {
                throw new IllegalArgumentException(
                        "metrics.maxRequestBytes: between 1024 and 1048576, was " + maxRequestBytes);
            }
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            Objects.requireNonNull(idleTimeout, "metrics.idleTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(
                        "metrics.idleTimeout: more than 0 and at most 1 hour, was " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            Objects.requireNonNull(requestTimeout, "metrics.requestTimeout");
            if (requestTimeout.toMillis() < 1 || requestTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException(
                        "metrics.requestTimeout: at least 1ms and at most 10 minutes, was " + requestTimeout);
            }
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1 || maxConnections > 10_000) {
                throw new IllegalArgumentException(
                        "metrics.maxConnections: between 1 and 10000, was " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
            if (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > 10_000) {
                throw new IllegalArgumentException(
                        "metrics.maxConnectionsPerAddress: between 1 and 10000, was " + maxConnectionsPerAddress);
            }
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
            return this;
        }

        public Builder allowedHosts(java.util.Collection<String> hosts) {
            this.allowedHosts = hosts.stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
            return this;
        }

        /** The admin routes' bearer token: at least 16 characters. */
        public Builder adminToken(String token) {
            if (token != null && token.length() < 16) {
                throw new IllegalArgumentException("admin.token: at least 16 characters, was " + token.length());
            }
            this.adminToken = token;
            return this;
        }

        public AdminHttpOptions build() {
            return new AdminHttpOptions(this);
        }
    }
}
