package io.cxmyd.itinerary.source.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How {@link HttpItinerarySource} reaches the carrier platform (docs/itinerary-api.md). Immutable; every
 * value is checked by {@link Builder#build()}, whose messages name the option, the rule and the bad value
 * (except the token's, which is a secret: only its length is told).
 */
public final class HttpSourceOptions {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_CONNECTIONS = 32;
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_PENDING_REQUESTS = 1024;

    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_CONNECTIONS = 1024;
    private static final int MIN_RESPONSE_BYTES = 1024;
    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    private static final int MAX_PENDING_REQUESTS = 1_000_000;

    private final URI baseUrl;
    private final String host;
    private final int port;
    private final String basePath;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int maxConnections;
    private final int maxResponseBytes;
    private final int maxPendingRequests;
    private final String authToken;

    private HttpSourceOptions(Builder b, URI url) {
        this.baseUrl = url;
        this.host = url.getHost();
        this.port = url.getPort() == -1 ? 80 : url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.maxConnections = b.maxConnections;
        this.maxResponseBytes = b.maxResponseBytes;
        this.maxPendingRequests = b.maxPendingRequests;
        this.authToken = b.authToken;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The platform's base URL, e.g. {@code http://10.1.2.3:8080} or {@code http://platform/itinerary}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The path prefix of {@link #baseUrl()} without a trailing slash ({@code ""} when none). */
    public String basePath() {
        return basePath;
    }

    /** TCP connect limit (CONNECT_TIMEOUT_MILLIS). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** From sending a request to its last response byte; also the longest wait for a free connection. */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** Keep-alive connections kept to the platform at most. */
    public int maxConnections() {
        return maxConnections;
    }

    /** A response body larger than this is refused ({@code bad_response}), whatever it holds. */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Requests allowed to wait for a connection when all are busy; more fail at once ({@code timeout}). */
    public int maxPendingRequests() {
        return maxPendingRequests;
    }

    /** Sent as {@code Authorization: Bearer <token>} when present. */
    public Optional<String> authToken() {
        return Optional.ofNullable(authToken);
    }

    @Override
    public String toString() {
        return "HttpSourceOptions{baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout
                + ", responseTimeout=" + responseTimeout + ", maxConnections=" + maxConnections
                + ", maxResponseBytes=" + maxResponseBytes + ", maxPendingRequests=" + maxPendingRequests
                + ", authToken=" + (authToken == null ? "none" : "(hidden)") + "}";
    }

    /** Collects the options; {@link #build()} checks them all. */
    public static final class Builder {

        private String baseUrl;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private int maxPendingRequests = DEFAULT_MAX_PENDING_REQUESTS;
        private String authToken;

        private Builder() {
        }

        public Builder baseUrl(String url) {
            this.baseUrl = url;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = timeout;
            return this;
        }

        public Builder maxConnections(int count) {
            this.maxConnections = count;
            return this;
        }

        public Builder maxResponseBytes(int bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        public Builder maxPendingRequests(int count) {
            this.maxPendingRequests = count;
            return this;
        }

        /** The bearer token, or {@code null} for none. */
        public Builder authToken(String token) {
            this.authToken = token;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad option */
        public HttpSourceOptions build() {
            URI url = checkBaseUrl(baseUrl);
            checkTimeout("connectTimeout", connectTimeout);
            checkTimeout("responseTimeout", responseTimeout);
            checkRange("maxConnections", maxConnections, 1, MAX_CONNECTIONS);
            checkRange("maxResponseBytes", maxResponseBytes, MIN_RESPONSE_BYTES, MAX_RESPONSE_BYTES);
            checkRange("maxPendingRequests", maxPendingRequests, 1, MAX_PENDING_REQUESTS);
            checkToken(authToken);
            return new HttpSourceOptions(this, url);
        }

        private static URI checkBaseUrl(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("baseUrl: required, e.g. http://127.0.0.1:8080, was "
                        + (text == null ? "absent" : "blank"));
            }
            URI url;
            try {
                url = new URI(text.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("baseUrl: not a URL (" + e.getReason() + "), was '" + text + "'");
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("https")) {
                // TLS is left to a sidecar or a later version: an untested TLS path is worse than none.
                throw new IllegalArgumentException("baseUrl: https is not supported, use http, was '" + text + "'");
            }
            if (!scheme.equals("http") || url.isOpaque() || url.getHost() == null) {
                throw new IllegalArgumentException("baseUrl: must be http://host[:port][/path], was '" + text + "'");
            }
            if (url.getRawUserInfo() != null) {
                // Credentials in a URL end up in logs and exception messages: the token has its own option.
                throw new IllegalArgumentException("baseUrl: must not hold user info, use authToken instead");
            }
            if (url.getRawQuery() != null || url.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl: must not have a query or fragment, was '" + text + "'");
            }
            if (url.getPort() == 0 || url.getPort() > 65535) {
                throw new IllegalArgumentException("baseUrl: port between 1 and 65535, was " + url.getPort());
            }
            return url;
        }

        private static void checkTimeout(String name, Duration d) {
            if (d == null) {
                throw new IllegalArgumentException(name + ": required, was absent");
            }
            if (d.toMillis() < 1 || d.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(name + ": between 1 ms and 60 s, was " + d);
            }
        }

        private static void checkRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + ": between " + min + " and " + max + ", was " + value);
            }
        }

        private static void checkToken(String token) {
            if (token == null) {
                return;
            }
            boolean headerSafe = !token.isEmpty() && token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
            if (!headerSafe) {
                // The value is a secret: tell its length, never the value.
                throw new IllegalArgumentException("authToken: must be printable ASCII without spaces, was "
                        + token.length() + " characters (value hidden)");
            }
        }
    }
}
