package io.cxmyd.gateway.config;

import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.sms.Concatenation;
import io.cxmyd.itinerary.cache.RedisEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's configuration, as gateway-contract.md writes it, plus the sections docs/configuration.md
 * adds. Immutable; built and validated only by {@link ConfigLoader}.
 */
public record GatewayConfig(
        Path file,
        Smpp smpp,
        List<Carrier> carriers,
        Itinerary itinerary,
        Cache cache,
        Metrics metrics,
        Limits limits,
        Optional<Instant> clock,
        Delivery delivery,
        Map<String, String> templates,
        Admin admin,
        Consent consent,
        Journal journal,
        Workers workers,
        Optional<Web> web,
        Reassembly reassembly) {

    public GatewayConfig {
        carriers = List.copyOf(carriers);
        templates = Map.copyOf(templates);
    }

    public Optional<Carrier> carrier(String id) {
        return carriers.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The same configuration with {@code carriers} instead (the load tool's ESME mode points them at itself). */
    public GatewayConfig withCarriers(List<Carrier> carriers) {
        return new GatewayConfig(file, smpp, carriers, itinerary, cache, metrics, limits, clock, delivery, templates,
                admin, consent, journal, workers, web, reassembly);
    }

    public record Smpp(
            String host,
            int port,
            Duration enquireLinkInterval,
            Duration bindTimeout,
            Duration responseTimeout,
            int maxPduBytes,
            int maxConnections,
            Duration pduReadTimeout,
            BindFailures bindFailures,
            Optional<Tls> tls,
            int pduProcessorThreads,
            int maxUnboundPerAddress,
            int reservedForAllowLists) {
    }

    /**
     * After {@code free} bind refusals within {@code window} from one address (or one address and system_id),
     * the next binds from there wait, up to {@code maxDelay}; nothing is ever locked out.
     */
    public record BindFailures(int free, Duration window, Duration maxDelay) {
    }

    /** The TLS listener; the password never appears in {@link #toString()}. */
    public record Tls(int port, Path keystore, String keystorePassword, String keystoreType) {

        @Override
        public String toString() {
            return "Tls[port=" + port + ", keystore=" + keystore + ", keystoreType=" + keystoreType + "]";
        }
    }

    public record Carrier(
            String id,
            List<String> serviceNumbers,
            String systemId,
            String password,
            String signature,
            Concatenation concatenation,
            int maxParts,
            int window,
            Verification verification,
            List<String> allowFrom,
            int maxBinds,
            Optional<Smsc> smsc) {

        public Carrier {
            serviceNumbers = List.copyOf(serviceNumbers);
            allowFrom = List.copyOf(allowFrom);
            smsc = smsc == null ? Optional.empty() : smsc;
        }

        /** The same carrier reached in ESME mode through {@code smsc}. */
        public Carrier withSmsc(Smsc smsc) {
            return new Carrier(id, serviceNumbers, systemId, password, signature, concatenation, maxParts, window,
                    verification, allowFrom, maxBinds, Optional.of(smsc));
        }

        /** Whether the gateway binds out to this carrier's SMSC (ESME mode) instead of taking its binds. */
        public boolean esmeMode() {
            return smsc.isPresent();
        }

        @Override
        public String toString() {
            return "Carrier[id=" + id + ", systemId=" + systemId + ", serviceNumbers=" + serviceNumbers + "]";
        }
    }

    /**
     * ESME mode: the carrier's SMSC the gateway binds out to (docs/smpp.md, "ESME mode").
     *
     * @param bind transceiver, or pair (a transmitter plus a receiver per session)
     * @param sessions binds (or pairs) kept up at once
     * @param window submit_sm outstanding per session, at most
     * @param throughput submit_sm per second for the carrier, all sessions together (each part counts)
     * @param sessionBudget binds to this SMSC across every instance sharing the Redis (0: no shared budget)
     * @param sessionLeaseTtl how long an instance's claim on one of those binds lives unrenewed
     * @param trustStore over TLS, the certificates trusted for this SMSC; empty: the JVM's trust store
     * @param verifyHostname over TLS, whether the SMSC's certificate must name {@code host}
     */
    public record Smsc(
            String host,
            int port,
            SmscBind bind,
            int sessions,
            String systemType,
            boolean tls,
            Duration enquireLinkInterval,
            Duration bindTimeout,
            Duration responseTimeout,
            int window,
            int throughput,
            Duration reconnectMin,
            Duration reconnectMax,
            boolean receipts,
            int sessionBudget,
            Duration sessionLeaseTtl,
            Optional<TrustStore> trustStore,
            boolean verifyHostname) {

        /** No shared session budget (issue 15 item 4): the binds of {@code sessions} on every instance. */
        public Smsc(String host, int port, SmscBind bind, int sessions, String systemType, boolean tls,
                Duration enquireLinkInterval, Duration bindTimeout, Duration responseTimeout, int window,
                int throughput, Duration reconnectMin, Duration reconnectMax, boolean receipts) {
            this(host, port, bind, sessions, systemType, tls, enquireLinkInterval, bindTimeout, responseTimeout,
                    window, throughput, reconnectMin, reconnectMax, receipts, 0, Duration.ofSeconds(30),
                    Optional.empty(), true);
        }
    }

    /**
     * A carrier's own trust store for its SMSC's certificate; {@code password} null when it has none, and never
     * in {@link #toString()}.
     */
    public record TrustStore(Path path, String password) {

        @Override
        public String toString() {
            return "TrustStore[" + path + "]";
        }
    }

    /** How the gateway binds to a carrier's SMSC. */
    public enum SmscBind {
        TRANSCEIVER,
        PAIR
    }

    public record Itinerary(
            String source,
            Path localDir,
            Http http,
            int windowDays,
            int newAccountDays,
            LocalTime refreshTime,
            ZoneId zone,
            Duration bounceTolerance,
            Store store) {
    }

    /**
     * {@code itinerary.store} (docs/batch.md): where the Spark job's results are read.
     *
     * @param redis one URI, or a Redis Cluster's seeds when {@code cluster}
     * @param hashKey the job's {@code --hash-key}
     */
    public record Store(List<URI> redis, boolean cluster, String hashKey, Duration timeout) {

        @Override
        public String toString() {
            return "Store[redis=" + redis.size() + (cluster ? " cluster seeds" : "") + "]"; // never the key
        }
    }

    public record Http(
            URI baseUrl, Duration connectTimeout, Duration responseTimeout, int maxConnections, String authToken) {

        @Override
        public String toString() {
            return "Http[baseUrl=" + baseUrl + "]";
        }
    }

    /**
     * @param redis one Redis server ({@code cache.redis})
     * @param redisCluster the seeds of a Redis Cluster ({@code cache.redisCluster}), instead of {@code redis};
     *     empty when not set
     */
    public record Cache(
            Optional<URI> redis,
            List<URI> redisCluster,
            Optional<String> hashKey,
            int nearMaxEntries,
            Duration noDataTtl,
            Duration redisTimeout,
            Duration lookupTimeout) {

        /** True when the gateway's state lives in Redis, one server or a cluster. */
        public boolean redisConfigured() {
            return redis.isPresent() || !redisCluster.isEmpty();
        }

        /**
         * Where Redis is, for {@code GatewayRedis.start} and the cache: the one way every Redis user of the
         * gateway should read it, so that each works on a cluster as on one server.
         */
        public Optional<RedisEndpoints> redisEndpoints() {
            if (!redisCluster.isEmpty()) {
                return Optional.of(RedisEndpoints.cluster(redisCluster.stream().map(URI::toString).toList()));
            }
            return redis.map(u -> RedisEndpoints.standalone(u.toString()));
        }

        @Override
        public String toString() {
            return "Cache[redis=" + redisEndpoints().map(Object::toString).orElse("off") + "]";
        }
    }

    /**
     * @param requestTimeout a whole request must arrive within this time
     * @param maxConnections open connections in all; {@code maxConnectionsPerAddress} from one address
     * @param allowedHosts host names accepted in {@code Host} besides IP literals and localhost
     */
    public record Metrics(String host, int port, Duration requestTimeout, int maxConnections,
            int maxConnectionsPerAddress, List<String> allowedHosts) {
        public Metrics {
            allowedHosts = List.copyOf(allowedHosts);
        }
    }

    /**
     * @param perSubscriber queries per window per subscriber; 0 = off
     * @param perSubscriberWindow the window of that limit
     * @param usageReplyInterval at most one usage reply per sender per this interval
     */
    public record Limits(int perSubscriber, Duration perSubscriberWindow, Duration usageReplyInterval) {

        public boolean perSubscriberEnabled() {
            return perSubscriber > 0;
        }
    }

    /**
     * @param validity how long a reply may wait and be retried before it expires
     * @param retryInitial first retry delay after a temporary error; doubles up to {@code retryMax}
     * @param retryMax the cap of the retry delay
     * @param queueCapacity replies waiting per carrier, at most
     * @param drainTimeout on SIGTERM, how long replies in flight may take to finish
     */
    public record Delivery(
            Duration validity, Duration retryInitial, Duration retryMax, int queueCapacity, Duration drainTimeout) {
    }

    /**
     * @param token the admin routes' bearer token (required when enabled; never in {@link #toString()})
     * @param stateFile where suspensions are remembered across restarts
     */
    public record Admin(boolean enabled, String token, Path stateFile) {

        @Override
        public String toString() {
            return "Admin[enabled=" + enabled + ", stateFile=" + stateFile + "]";
        }
    }

    /**
     * The consent step of carriers whose {@code verification} is not {@code none}.
     *
     * @param window how long a prompt waits for its answer
     * @param maxAttempts wrong ID codes per day before the number is locked until the end of the day
     * @param auditLog the audit file, resolved against the config file's folder
     * @param auditRetentionDays days of audit files kept
     * @param idHashKey the secret of the registry's ID hashes; present when a carrier uses id-last4
     * @param storeTimeout how long a query waits for the consent state shared in Redis before "try later"
     */
    public record Consent(
            Duration window, int maxAttempts, Path auditLog, int auditRetentionDays, Optional<String> idHashKey,
            Duration storeTimeout) {

        @Override
        public String toString() {
            return "Consent[window=" + window + ", maxAttempts=" + maxAttempts + ", auditLog=" + auditLog
                    + ", storeTimeout=" + storeTimeout + "]";
        }
    }

    /**
     * The query workers: what runs after the response (limits, keyword, consent, lookup, reply).
     *
     * @param threads worker threads; lookups are asynchronous, so a few keep up with thousands of queries/s
     * @param queueCapacity queries waiting for a worker, at most; past it queries are refused ESME_RTHROTTLED
     */
    public record Workers(int threads, int queueCapacity) {
    }

    /**
     * Subscribers' multi-part messages, put together before the keyword is read.
     *
     * @param timeout how long the parts of one message wait for the rest after the first arrived
     * @param maxPartsHeld parts waiting at once over all subscribers; past it a part is refused ESME_RTHROTTLED
     */
    public record Reassembly(Duration timeout, int maxPartsHeld) {
    }

    /**
     * The journal of accepted queries (docs/reliability.md).
     *
     * @param enabled false acknowledges queries without recording them: a crash then loses their replies
     * @param dir the folder of the segment files (absolute; relative in the file means beside the file)
     * @param fsyncInterval how long appends gather before one fsync covers them all
     * @param commitTimeout how long a query waits for its fsync before it is refused
     * @param segmentBytes the size past which a new segment file starts
     * @param store where accepted queries are recorded: the local disk, or a Redis Stream ({@code cache.redis})
     * @param instanceId this instance's consumer name in the stream's group; empty: host name and pid
     * @param claimMinIdle how long a query of the stream may go unrenewed before another instance takes it
     * @param streamMaxLength the approximate cap of the stream (MAXLEN ~), a bound on what is left behind
     */
    public record Journal(boolean enabled, Path dir, Duration fsyncInterval, Duration commitTimeout,
                          long segmentBytes, Store store, Optional<String> instanceId, Duration claimMinIdle,
                          long streamMaxLength, int waitForReplicas) {

        public enum Store {
            DISK,
            REDIS
        }
    }

    /**
     * The web channel (docs/web.md): the query page, verification codes by SMS, the declaration check.
     *
     * @param host the listening address
     * @param port the listening port (0 picks a free one)
     * @param hostNames the names a request's Host header may carry (port ignored); others get 400
     * @param sessionDays how long a session cookie keeps a verified number
     * @param secureCookies whether the session cookie carries Secure (set it when served behind TLS)
     * @param maxConnectionsPerAddress open connections one client address may hold
     * @param maxConnections open connections in all
     * @param requestTimeout the whole time a request may take to arrive, however slowly its bytes come
     * @param maxBodyBytes the largest request body accepted
     * @param codes the verification code budgets
     * @param declarationClients who may call the declaration check
     */
    public record Web(String host, int port, List<String> hostNames, int sessionDays, boolean secureCookies,
                      int maxConnectionsPerAddress, int maxConnections, Duration requestTimeout, int maxBodyBytes,
                      Codes codes, List<Client> declarationClients) {

        public Web {
            hostNames = List.copyOf(hostNames);
            declarationClients = List.copyOf(declarationClients);
        }

        /** Codes one client address may ask for per hour, one number may get per hour, the service sends per minute. */
        public record Codes(int perAddressPerHour, int perNumberPerHour, int perMinute) {
        }

        /** A declaration-check client; the key never appears in {@link #toString()}. */
        public record Client(String id, String key, int perMinute) {

            @Override
            public String toString() {
                return "Client[id=" + id + ", perMinute=" + perMinute + "]";
            }
        }
    }
}
