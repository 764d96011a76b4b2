package io.cxmyd.gateway.smpp;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the SMPP server listens and times its binds. Immutable; every value is checked when built, and a bad
 * one is refused with the option's name, the rule and the value.
 */
public final class SmppServerOptions {

    /** Big enough for any short_message PDU (at most ~450 octets) plus a message_payload of ~3.5 KiB. */
    public static final int DEFAULT_MAX_PDU_LENGTH = 4096;

    /**
     * jsmpp 3.0.2 reads a TLV length as a signed short, so a message_payload above 32767 octets cannot be
     * decoded anyway; 65536 leaves room for that plus the mandatory fields and is the hard ceiling.
     */
    public static final int MAX_PDU_LENGTH_CEILING = 65536;

    /** Large enough for a bind_* PDU with every field at its maximum (16 + 82 octets) and small TLVs. */
    public static final int MIN_PDU_LENGTH = 256;

    private final String host;
    private final int port;
    private final Duration enquireLinkInterval;
    private final Duration bindTimeout;
    private final Duration responseTimeout;
    private final int pduProcessorThreads;
    private final int pduQueueCapacity;
    private final int maxPduLength;
    private final int maxConnections;
    private final Duration pduReadTimeout;
    private final BindPacingPolicy bindPacing;
    private final int maxUnboundPerAddress;
    private final int reservedForAllowLists;
    private final SmppTlsOptions tls;

    private SmppServerOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.enquireLinkInterval = b.enquireLinkInterval;
        this.bindTimeout = b.bindTimeout;
        this.responseTimeout = b.responseTimeout;
        this.pduProcessorThreads = b.pduProcessorThreads;
        this.pduQueueCapacity = b.pduQueueCapacity;
        this.maxPduLength = b.maxPduLength;
        this.maxConnections = b.maxConnections;
        this.pduReadTimeout = b.pduReadTimeout;
        this.bindPacing = b.bindPacing;
        this.maxUnboundPerAddress = b.maxUnboundPerAddress;
        this.reservedForAllowLists = b.reservedForAllowLists < 0
                ? Math.min(16, b.maxConnections / 4) : b.reservedForAllowLists;
        if (reservedForAllowLists >= maxConnections) {
            throw new IllegalArgumentException("smpp.reservedForAllowLists: must be below smpp.maxConnections ("
                    + maxConnections + "), was " + reservedForAllowLists);
        }
        this.tls = b.tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 127.0.0.1:2775. */
    public static SmppServerOptions defaults() {
        return builder().build();
    }

    public Builder mutate() {
        return new Builder()
                .host(host)
                .port(port)
                .enquireLinkInterval(enquireLinkInterval)
                .bindTimeout(bindTimeout)
                .responseTimeout(responseTimeout)
                .pduProcessorThreads(pduProcessorThreads)
                .pduQueueCapacity(pduQueueCapacity)
                .maxPduLength(maxPduLength)
                .maxConnections(maxConnections)
                .pduReadTimeout(pduReadTimeout)
                .bindPacing(bindPacing)
                .maxUnboundPerAddress(maxUnboundPerAddress)
                .reservedForAllowLists(reservedForAllowLists)
                .tls(tls);
    }

    /** The address to listen on. */
    public String host() {
        return host;
    }

    /** The port to listen on; 0 picks a free one ({@link SmppServer#port()} tells which). */
    public int port() {
        return port;
    }

    /** Idle time on a bind after which the server sends enquire_link. */
    public Duration enquireLinkInterval() {
        return enquireLinkInterval;
    }

    /** A connection that has not sent a bind within this time is closed. */
    public Duration bindTimeout() {
        return bindTimeout;
    }

    /** How long deliver_sm, enquire_link and unbind wait for their response. */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** Threads that process the PDUs of one bind (they call the {@link io.cxmyd.gateway.message.MessageIntake}). */
    public int pduProcessorThreads() {
        return pduProcessorThreads;
    }

    /** PDUs of one bind waiting for a processor thread; beyond it requests get ESME_RTHROTTLED. */
    public int pduQueueCapacity() {
        return pduQueueCapacity;
    }

    /** The largest command_length accepted; a larger (or < 16) one closes the connection before any allocation. */
    public int maxPduLength() {
        return maxPduLength;
    }

    /** Open connections (bound or not) beyond which new ones are closed at once. */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * Once the first octet of a PDU has arrived, the whole PDU must arrive within this time, or the connection is
     * closed, whether the peer trickles octets or stops: either would otherwise hold the connection's reader.
     */
    public Duration pduReadTimeout() {
        return pduReadTimeout;
    }

    /** How refused binds slow the next ones from the same address (never a lockout). */
    public BindPacingPolicy bindPacing() {
        return bindPacing;
    }

    /**
     * Connections from one address that have not bound yet; one more is closed at once. An IPv6 peer counts
     * by its /64.
     */
    public int maxUnboundPerAddress() {
        return maxUnboundPerAddress;
    }

    /**
     * Of {@link #maxConnections()}, the slots only addresses on a carrier's allow list may take, so strangers
     * filling the server cannot keep a carrier out. Only when some carrier has an allow list.
     */
    public int reservedForAllowLists() {
        return reservedForAllowLists;
    }

    /** The TLS listener, if any. */
    public Optional<SmppTlsOptions> tls() {
        return Optional.ofNullable(tls);
    }

    @Override
    public String toString() {
        return "SmppServerOptions[host=" + host + ", port=" + port + ", enquireLinkInterval=" + enquireLinkInterval
                + ", bindTimeout=" + bindTimeout + ", responseTimeout=" + responseTimeout + ", pduProcessorThreads="
                + pduProcessorThreads + ", pduQueueCapacity=" + pduQueueCapacity + ", maxPduLength=" + maxPduLength
                + ", maxConnections=" + maxConnections + ", pduReadTimeout=" + pduReadTimeout + ", bindPacing=" + bindPacing
                + ", maxUnboundPerAddress=" + maxUnboundPerAddress + ", reservedForAllowLists=" + reservedForAllowLists
                + ", tls=" + tls + "]";
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 2775;
        private Duration enquireLinkInterval = Duration.ofSeconds(30);
        private Duration bindTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(2);
        private int pduProcessorThreads = 3;
        private int pduQueueCapacity = 100;
        private int maxPduLength = DEFAULT_MAX_PDU_LENGTH;
        private int maxConnections = 64;
        private Duration pduReadTimeout = Duration.ofSeconds(10);
        private BindPacingPolicy bindPacing = BindPacingPolicy.DEFAULT;
        private int maxUnboundPerAddress = 8;
        private int reservedForAllowLists = -1;
        private SmppTlsOptions tls;

        private Builder() {
        }

        public Builder host(String host) {
            Objects.requireNonNull(host, "smpp.host");
            require(!host.isBlank(), "smpp.host: must not be blank, was '" + host + "'");
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            require(port >= 0 && port <= 65535, "smpp.port: must be between 0 and 65535, was " + port);
            this.port = port;
            return this;
        }

        public Builder enquireLinkInterval(Duration interval) {
            this.enquireLinkInterval = millis("smpp.enquireLinkInterval", interval);
            return this;
        }

        public Builder bindTimeout(Duration timeout) {
            this.bindTimeout = millis("smpp.bindTimeout", timeout);
            return this;
        }

        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = millis("smpp.responseTimeout", timeout);
            return this;
        }

        public Builder pduProcessorThreads(int threads) {
            require(threads >= 1 && threads <= 64,
                    "smpp.pduProcessorThreads: must be between 1 and 64, was " + threads);
            this.pduProcessorThreads = threads;
            return this;
        }

        public Builder pduQueueCapacity(int capacity) {
            require(capacity >= 1 && capacity <= 10_000,
                    "smpp.pduQueueCapacity: must be between 1 and 10000, was " + capacity);
            this.pduQueueCapacity = capacity;
            return this;
        }

        public Builder maxPduLength(int length) {
            require(length >= MIN_PDU_LENGTH && length <= MAX_PDU_LENGTH_CEILING,
                    "smpp.maxPduLength: must be between " + MIN_PDU_LENGTH + " and " + MAX_PDU_LENGTH_CEILING
                            + " octets, was " + length);
            this.maxPduLength = length;
            return this;
        }

        public Builder maxConnections(int connections) {
            require(connections >= 1 && connections <= 10_000,
                    "smpp.maxConnections: must be between 1 and 10000, was " + connections);
            this.maxConnections = connections;
            return this;
        }

        public Builder pduReadTimeout(Duration timeout) {
            this.pduReadTimeout = millis("smpp.pduReadTimeout", timeout);
            return this;
        }

        public Builder bindPacing(BindPacingPolicy policy) {
            this.bindPacing = Objects.requireNonNull(policy, "smpp.bindFailures");
            return this;
        }

        public Builder maxUnboundPerAddress(int connections) {
            require(connections >= 1 && connections <= 10_000,
                    "smpp.maxUnboundPerAddress: must be between 1 and 10000, was " + connections);
            this.maxUnboundPerAddress = connections;
            return this;
        }

        /** Negative: a quarter of maxConnections, at most 16. */
        public Builder reservedForAllowLists(int connections) {
            require(connections <= 10_000,
                    "smpp.reservedForAllowLists: must be at most 10000, was " + connections);
            this.reservedForAllowLists = connections;
            return this;
        }

        /** A TLS listener besides the plain one; null for none. */
        public Builder tls(SmppTlsOptions tls) {
            this.tls = tls;
            return this;
        }

        public SmppServerOptions build() {
            return new SmppServerOptions(this);
        }

        /** jsmpp takes its timers as int milliseconds: positive and below Integer.MAX_VALUE. */
        private static Duration millis(String key, Duration value) {
            Objects.requireNonNull(value, key);
            require(!value.isNegative() && !value.isZero() && value.compareTo(Duration.ofDays(1)) <= 0,
                    key + ": must be positive and at most 1 day, was " + value);
            require(value.toMillis() >= 1, key + ": must be at least 1ms, was " + value);
            return value;
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
