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

    private final String host;
    private final int port;
    private final int maxRequestBytes;
    private final Duration idleTimeout;

    private AdminHttpOptions(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.maxRequestBytes = builder.maxRequestBytes;
        this.idleTimeout = builder.idleTimeout;
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

    @Override
    public String toString() {
        return "AdminHttpOptions[host=" + host + ", port=" + port + ", maxRequestBytes=" + maxRequestBytes
                + ", idleTimeout=" + idleTimeout + "]";
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

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

        public AdminHttpOptions build() {
            return new AdminHttpOptions(this);
        }
    }
}
