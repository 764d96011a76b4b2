package io.cxmyd.gateway.ops;

import io.cxmyd.gateway.smpp.BindListener;
import io.cxmyd.gateway.smpp.BindType;
import io.cxmyd.itinerary.LookupEvents;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Tier;
import io.cxmyd.itinerary.source.SourceException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The gateway's meters, behind typed methods: callers pass enums, never free text, so no label can carry a
 * phone number or a message id. Owns the Prometheus registry; {@link #scrape()} is what {@code GET /metrics}
 * answers. Thread-safe; every recording method is cheap (a counter increment or a histogram update).
 *
 * <p>A carrier id that is not in the list given at construction is a programming error and fails at once
 * ({@link IllegalArgumentException}): carriers come from the same configuration.
 */
public final class GatewayMetrics implements LookupEvents, BindListener, AutoCloseable {

    /**
     * Lookup buckets: a near-cache hit takes microseconds, a Redis hit a millisecond or so, the source tens to
     * hundreds of milliseconds up to its timeout.
     */
    static final Duration[] LOOKUP_BUCKETS = {
        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
        Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    private final PrometheusMeterRegistry registry;
    private final java.util.Map<WebCodeResult, Counter> webCodes = new java.util.EnumMap<>(WebCodeResult.class);
    private final Map<String, CarrierMeters> carriers;
    private final Map<BindFailureReason, Counter> bindFailures = new EnumMap<>(BindFailureReason.class);
    private final Map<Tier, Counter> cacheHits = new EnumMap<>(Tier.class);
    private final Map<Tier, Counter> cacheMisses = new EnumMap<>(Tier.class);
    private final Map<Tier, Timer> lookups = new EnumMap<>(Tier.class);
    private final Map<SourceErrorKind, Counter> sourceErrors = new EnumMap<>(SourceErrorKind.class);
    private final AtomicInteger redisUp = new AtomicInteger();
    private final AtomicBoolean redisUpRegistered = new AtomicBoolean();
    private final Set<String> queues = ConcurrentHashMap.newKeySet();
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private Timer journalCommit;
    private Counter journalRefused;
    private Counter journalReplayed;
    private volatile IntSupplier journalPending = () -> 0;
    private final EsmeMeters esme;

    /**
     * @param carrierIds the configured carrier ids (label values of every per-carrier meter)
     * @param redisConfigured whether a shared Redis cache is configured: {@code cxmyd_redis_up} is then shown
     *     from the start, at 0 until the cache reports Redis reachable
     */
    public GatewayMetrics(Collection<String> carrierIds, boolean redisConfigured) {
        Objects.requireNonNull(carrierIds, "carrierIds");
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Map<String, CarrierMeters> byId = new LinkedHashMap<>();
        for (String id : carrierIds) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("carrier id: must not be blank, was '" + id + "'");
            }
            if (byId.putIfAbsent(id, new CarrierMeters(registry, id)) != null) {
                throw new IllegalArgumentException("carrier id: must be unique, '" + id + "' appears twice");
            }
        }
        this.carriers = Map.copyOf(byId);
        this.esme = new EsmeMeters(registry, carriers.keySet());
        registerGatewayMeters(redisConfigured);
        bindProcessMeters();
    }

    /** With no Redis configured. */
    public GatewayMetrics(Collection<String> carrierIds) {
        this(carrierIds, false);
    }

    private void registerGatewayMeters(boolean redisConfigured) {
        for (BindFailureReason reason : BindFailureReason.values()) {
            bindFailures.put(reason, counter(MetricNames.BIND_FAILURES, MetricNames.TAG_REASON, reason.label()));
        }
        for (Tier tier : Tier.values()) {
            cacheHits.put(tier, Counter.builder(MetricNames.CACHE_REQUESTS.name())
                    .description(MetricNames.CACHE_REQUESTS.description())
                    .tag(MetricNames.TAG_TIER, tier.label())
                    .tag(MetricNames.TAG_RESULT, MetricNames.HIT)
                    .register(registry));
            cacheMisses.put(tier, Counter.builder(MetricNames.CACHE_REQUESTS.name())
                    .description(MetricNames.CACHE_REQUESTS.description())
                    .tag(MetricNames.TAG_TIER, tier.label())
                    .tag(MetricNames.TAG_RESULT, MetricNames.MISS)
                    .register(registry));
            lookups.put(tier, Timer.builder(MetricNames.LOOKUP.name())
                    .description(MetricNames.LOOKUP.description())
                    .tag(MetricNames.TAG_TIER, tier.label())
                    .serviceLevelObjectives(LOOKUP_BUCKETS)
                    .register(registry));
        }
        for (SourceErrorKind kind : SourceErrorKind.values()) {
            sourceErrors.put(kind, counter(MetricNames.SOURCE_ERRORS, MetricNames.TAG_KIND, kind.label()));
        }
        if (redisConfigured) {
            registerRedisUp();
        }
        registerJournalMeters();
        FunctionCounter.builder(MetricNames.LOG_LINES_DROPPED.name(), this, m -> LogQueueAppender.droppedInThisProcess())
                .description(MetricNames.LOG_LINES_DROPPED.description())
                .register(registry);
        for (WebCodeResult result : WebCodeResult.values()) {
            webCodes.put(result, counter(MetricNames.WEB_CODES, MetricNames.TAG_RESULT, result.label()));
        }
    }

    /** A verification code of the web channel was asked, sent, verified, failed or refused. */
    public void webCode(WebCodeResult result) {
        webCodes.get(Objects.requireNonNull(result, "result")).increment();
    }

    /** Shown from the start, at zero, so a dashboard and alerts see them whether or not the journal is on. */
    private void registerJournalMeters() {
        journalCommit = Timer.builder(MetricNames.JOURNAL_COMMIT.name())
                .description(MetricNames.JOURNAL_COMMIT.description())
                .serviceLevelObjectives(LOOKUP_BUCKETS)
                .register(registry);
        journalRefused = Counter.builder(MetricNames.JOURNAL_REFUSED.name())
                .description(MetricNames.JOURNAL_REFUSED.description())
                .register(registry);
        journalReplayed = Counter.builder(MetricNames.JOURNAL_REPLAYED.name())
                .description(MetricNames.JOURNAL_REPLAYED.description())
                .register(registry);
        Gauge.builder(MetricNames.JOURNAL_PENDING.name(), () -> journalPending.getAsInt())
                .description(MetricNames.JOURNAL_PENDING.description())
                .strongReference(true)
                .register(registry);
    }

    private Counter counter(MetricNames.MetricName metric, String tagKey, String tagValue) {
        return Counter.builder(metric.name())
                .description(metric.description())
                .tag(tagKey, tagValue)
                .register(registry);
    }

    private void registerRedisUp() {
        // Once only: Micrometer ignores a second registration of a gauge but logs it as a WARN, which would
        // show in the gateway's log on the first availability event when Redis is configured.
        if (!redisUpRegistered.compareAndSet(false, true)) {
            return;
        }
        Gauge.builder(MetricNames.REDIS_UP.name(), redisUp, AtomicInteger::get)
                .description(MetricNames.REDIS_UP.description())
                .strongReference(true)
                .register(registry);
    }

    private void bindProcessMeters() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    // ---- the gateway's own events -------------------------------------------------------------------------

    /** One subscriber message of {@code carrier} ended in {@code outcome}. */
    public void query(String carrier, QueryOutcome outcome) {
        carrier(carrier).query(Objects.requireNonNull(outcome, "outcome"));
    }

    /** A query through {@code carrier} for another carrier's subscriber (the itinerary client's carrier check). */
    @Override
    public void otherCarrier(String carrier) {
        carrier(carrier).otherCarrier();
    }

    /** Whether {@code carrier} is suspended now, for the gauge. */
    public void suspended(String carrier, boolean on) {
        carrier(carrier).suspended(on);
    }

    /** One delivery attempt of a whole reply to {@code carrier} ended in {@code result}. */
    public void reply(String carrier, ReplyResult result) {
        carrier(carrier).reply(Objects.requireNonNull(result, "result"));
    }

    /** {@code n} parts of a reply were acknowledged by {@code carrier}. */
    public void parts(String carrier, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("parts: must be at least 0, was " + n);
        }
        carrier(carrier).parts(n);
    }

    /** A reply's last part was acknowledged {@code elapsed} after its query arrived. */
    public void endToEnd(String carrier, Duration elapsed) {
        carrier(carrier).endToEnd(Objects.requireNonNull(elapsed, "elapsed"));
    }

    /** A bind was refused for {@code reason}. */
    public void bindFailure(BindFailureReason reason) {
        bindFailures.get(Objects.requireNonNull(reason, "reason")).increment();
    }

    /**
     * Shows {@code carrier}'s reply queue: {@code depth} replies waiting, the oldest {@code oldestAge} old
     * ({@link Duration#ZERO} when none waits). Both are read at each scrape, from the scraping thread, so they
     * must be cheap and thread-safe. Once per carrier.
     */
    public void registerQueue(String carrier, IntSupplier depth, Supplier<Duration> oldestAge) {
        carrier(carrier);
        Objects.requireNonNull(depth, "depth");
        Objects.requireNonNull(oldestAge, "oldestAge");
        if (!queues.add(carrier)) {
            throw new IllegalStateException("reply queue of carrier '" + carrier + "' is already registered");
        }
        Gauge.builder(MetricNames.REPLY_QUEUE_DEPTH.name(), depth::getAsInt)
                .description(MetricNames.REPLY_QUEUE_DEPTH.description())
                .tag(MetricNames.TAG_CARRIER, carrier)
                .register(registry);
        Gauge.builder(MetricNames.REPLY_QUEUE_OLDEST.name(), () -> seconds(oldestAge.get()))
                .description(MetricNames.REPLY_QUEUE_OLDEST.description())
                .baseUnit("seconds")
                .tag(MetricNames.TAG_CARRIER, carrier)
                .register(registry);
    }

    private static double seconds(Duration d) {
        return d == null ? 0.0 : d.toNanos() / 1e9;
    }

    /** A query was recorded in the journal after waiting {@code nanos} for the fsync. */
    public void journalCommitted(long nanos) {
        journalCommit.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** A query was refused because the journal could not record it. */
    public void journalRefused() {
        journalRefused.increment();
    }

    /** One query of an earlier run was processed again at start. */
    public void journalReplayed() {
        journalReplayed.increment();
    }

    /** Where {@code cxmyd_journal_pending} reads from (cheap and thread-safe: read at each scrape). */
    public void registerJournal(IntSupplier pending) {
        this.journalPending = Objects.requireNonNull(pending, "pending");
    }

    // ---- BindListener ---------------------------------------------------------------------------------------

    @Override
    public void bound(String carrierId, BindType type) {
        carrier(carrierId).bound(Objects.requireNonNull(type, "type"));
    }

    @Override
    public void unbound(String carrierId, BindType type) {
        carrier(carrierId).unbound(Objects.requireNonNull(type, "type"));
    }

    /** Unknown reason words count as {@code other} rather than becoming new label values. */
    @Override
    public void bindRefused(String reason) {
        bindFailure(BindFailureReason.fromLabel(reason));
    }

    /** How many binds of {@code type} {@code carrier} has open, as the gauge shows it. */
    public int openBinds(String carrier, BindType type) {
        return carrier(carrier).openBinds(type);
    }

    /** The meters of the binds out to carriers' SMSCs (ESME mode). */
    public EsmeMeters esme() {
        return esme;
    }

    // ---- LookupEvents: called on the lookup path, so they never throw -------------------------------------

    @Override
    public void cacheRequest(Tier tier, boolean hit) {
        if (tier != null) {
            (hit ? cacheHits : cacheMisses).get(tier).increment();
        }
    }

    @Override
    public void lookupCompleted(Tier tier, long nanos) {
        if (tier != null && nanos >= 0) {
            lookups.get(tier).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void redisAvailability(boolean up) {
        registerRedisUp();
        redisUp.set(up ? 1 : 0);
    }

    @Override
    public void sourceError(SourceException.Kind kind) {
        sourceErrors.get(SourceErrorKind.of(kind)).increment();
    }

    // ---- exposition ------------------------------------------------------------------------------------------

    /** The Prometheus text exposition format 0.0.4 of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** The registry, for code that binds further meters of its own (a library's binder, say). */
    public MeterRegistry registry() {
        return registry;
    }

    private CarrierMeters carrier(String id) {
        CarrierMeters meters = id == null ? null : carriers.get(id);
        if (meters == null) {
            // Masked: a caller that mixed up its arguments must not put a phone number in a message.
            throw new IllegalArgumentException("carrier: not configured, was '" + Msisdn.mask(id)
                    + "'; configured: " + carriers.keySet());
        }
        return meters;
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
