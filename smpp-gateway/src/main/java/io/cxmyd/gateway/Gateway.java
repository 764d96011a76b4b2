package io.cxmyd.gateway;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.consent.AuditLogFile;
import io.cxmyd.gateway.consent.ConsentAudit;
import io.cxmyd.gateway.consent.ConsentGate;
import io.cxmyd.gateway.consent.ConsentOptions;
import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.delivery.Outbox;
import io.cxmyd.gateway.journal.AcceptLog;
import io.cxmyd.gateway.journal.Journal;
import io.cxmyd.gateway.journal.JournalAcceptLog;
import io.cxmyd.gateway.journal.JournalOptions;
import io.cxmyd.gateway.journal.JournalReplay;
import io.cxmyd.gateway.ops.AdminHttpOptions;
import io.cxmyd.gateway.ops.AdminHttpServer;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.ops.HealthState;
import io.cxmyd.gateway.ops.SourceProbe;
import io.cxmyd.gateway.query.CarrierProfile;
import io.cxmyd.gateway.query.ConsentPolicy;
import io.cxmyd.gateway.query.GatewayState;
import io.cxmyd.gateway.query.QueryService;
import io.cxmyd.gateway.query.RateLimiter;
import io.cxmyd.gateway.query.ServiceDirectory;
import io.cxmyd.gateway.query.SubscriberKey;
import io.cxmyd.gateway.redis.GatewayRedis;
import io.cxmyd.gateway.redis.RedisConsentStore;
import io.cxmyd.gateway.redis.RedisStreamJournal;
import io.cxmyd.gateway.redis.StreamJournalOptions;
import io.cxmyd.gateway.consent.ConsentRules;
import io.cxmyd.gateway.sms.ReplyComposer;
import io.cxmyd.gateway.sms.ReplyTemplates;
import io.cxmyd.gateway.smpp.BindListener;
import io.cxmyd.gateway.smpp.BindType;
import io.cxmyd.gateway.smpp.SmppServer;
import io.cxmyd.gateway.smpp.esme.EsmeLinks;
import io.cxmyd.itinerary.IdLast4Hash;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.source.ItinerarySource;
import io.cxmyd.itinerary.source.http.HttpItinerarySource;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: wires the parts the config describes and owns their lifecycle. Start order: metrics
 * and health first (503 while loading), then the itinerary source, the outbox, and last the SMPP port, so a
 * carrier that binds finds everything ready. Stop order is the reverse, with a drain in between.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final GatewayState state = new GatewayState();
    private volatile HealthState health;
    private AdminHttpServer admin;
    private ItineraryClient client;
    private Outbox outbox;
    private volatile SmppServer smpp;
    private volatile SourceProbe probe;
    private ThreadPoolExecutor worker;
    private ConsentGate consentGate;
    private AuditLogFile auditLog;
    private Journal journal;
    private AcceptLog acceptLog = AcceptLog.NONE;
    private Thread replay;
    private GatewayRedis redis;
    private RedisStreamJournal streamJournal;
    private volatile EsmeLinks esme;

    public Gateway(GatewayConfig config) {
        this.config = config;
        List<String> ids = config.carriers().stream().map(GatewayConfig.Carrier::id).toList();
        this.metrics = new GatewayMetrics(ids, config.cache().redis().isPresent());
    }

    /** Starts every part; throws (after closing what started) when one cannot start. */
    public Gateway start() throws IOException {
        try {
            doStart();
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void doStart() throws IOException {
        final ItineraryClient[] clientRef = new ItineraryClient[1];
        // Ready also needs each ESME-mode carrier bound both ways (docs/operations.md, health).
        health = new HealthState(() -> clientRef[0] != null && clientRef[0].ready()
                && (probe == null || probe.answering()) && (esme == null || esme.ready()));
        admin = AdminHttpServer.start(
                AdminHttpOptions.builder().host(config.metrics().host()).port(config.metrics().port()).build(),
                metrics, health, config.admin().enabled() ? new GatewayAdminActions(config, state, () -> smpp, () -> esme) : null);
        log.info("metrics and health on http://{}:{}/metrics", config.metrics().host(), admin.port());

        AreaCatalog catalog = AreaCatalog.standard();
        ItinerarySource source = ItineraryWiring.source(config, catalog);
        if (source instanceof HttpItinerarySource http) {
            // Ready only while the platform answers its health check (docs/operations.md, health).
            probe = new SourceProbe(http::checkHealth, "itinerary-http " + config.itinerary().http().baseUrl().getAuthority())
                    .start(SourceProbe.DEFAULT_INTERVAL);
        }
        client = ItineraryWiring.client(config, source, catalog, metrics);
        clientRef[0] = client;

        worker = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                named("query-worker"));

        openJournal();
        final QueryService[] queryRef = new QueryService[1];
        smpp = new SmppServer(SmppWiring.smppOptions(config), SmppWiring.accounts(config), m -> queryRef[0].onMessage(m), bindListener());
        esme = EsmeWiring.links(config, m -> queryRef[0].onMessage(m), metrics, () -> outbox);
        outbox = new Outbox(esme.over(smpp.links()), SmppWiring.outboxOptions(config), new ReplyOutcomes(metrics, () -> acceptLog));
        for (GatewayConfig.Carrier c : config.carriers()) {
            metrics.registerQueue(c.id(), () -> outbox.depth(c.id()), () -> outbox.oldestAge(c.id()));
        }
        outbox.start();
        queryRef[0] = queryService();
        startReplay(queryRef[0]);

        smpp.start();
        esme.start();
        health.smppListening(true);
        log.info("SMPP listening on {}:{} for carriers {}", config.smpp().host(), smpp.port(),
                config.carriers().stream().map(GatewayConfig.Carrier::id).toList());
        config.clock().ifPresent(c -> log.warn("itinerary rules run on the pinned clock {} (config key clock)", c));
    }

    private QueryService queryService() {
        ReplyTemplates templates = ReplyTemplates.of(config.templates());
        Map<String, CarrierProfile> profiles = new LinkedHashMap<>();
        Map<String, List<String>> numbers = new LinkedHashMap<>();
        for (GatewayConfig.Carrier c : config.carriers()) {
            profiles.put(c.id(), new CarrierProfile(c.id(), c.signature(), c.concatenation(),
                    new ReplyComposer(templates, c.maxParts())));
            numbers.put(c.id(), c.serviceNumbers());
        }
        GatewayConfig.Limits limits = config.limits();
        RateLimiter perSubscriber = limits.perSubscriberEnabled()
                ? new RateLimiter(limits.perSubscriber(), limits.perSubscriberWindow(), Ticker.systemTicker())
                : null;
        RateLimiter usage = limits.usageReplyInterval().isZero()
                ? null
                : new RateLimiter(1, limits.usageReplyInterval(), Ticker.systemTicker());
        Supplier<Instant> rulesClock = config.clock().<Supplier<Instant>>map(t -> () -> t).orElse(Instant::now);
        // Consent state shared through Redis is keyed alike on every instance: from the shared secret.
        SubscriberKey keys = config.cache().redis().isPresent() && config.cache().hashKey().isPresent()
                ? SubscriberKey.withSecret(config.cache().hashKey().get().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : new SubscriberKey();
        return QueryService.builder()
                .directory(new ServiceDirectory(numbers))
                .carriers(profiles)
                .client(client)
                .outbox(outbox)
                .metrics(metrics)
                .state(state)
                .rulesClock(rulesClock)
                .worker(worker)
                .perSubscriber(perSubscriber)
                .usageReplies(usage)
                .consent(consentPolicy(rulesClock))
                .acceptLog(acceptLog)
                .keys(keys)
                .build();
    }

    /** The consent step, or {@code null} when every carrier's verification is none. */
    private ConsentPolicy consentPolicy(Supplier<Instant> rulesClock) {
        Map<String, Verification> modes = new LinkedHashMap<>();
        config.carriers().forEach(c -> modes.put(c.id(), c.verification()));
        if (modes.values().stream().allMatch(v -> v == Verification.NONE)) {
            return null;
        }
        GatewayConfig.Consent c = config.consent();
        auditLog = AuditLogFile.attach(c.auditLog(), c.auditRetentionDays(), config.itinerary().zone());
        ConsentOptions options = new ConsentOptions(c.window(), c.maxAttempts(), config.itinerary().zone());
        if (config.cache().redis().isPresent()) {
            // Shared by every instance on this Redis (docs/carrier-integration.md): a Y may reach any of them.
            ConsentRules rules = new ConsentRules(options);
            consentGate = new ConsentGate(rules, new RedisConsentStore(redis(), rules, Clock.systemUTC(),
                    config.journal().commitTimeout()), Clock.systemUTC());
        } else {
            consentGate = ConsentGate.inProcess(options, Clock.systemUTC());
        }
        log.info("consent step for carriers {}; audit log {} kept {} days", modes, c.auditLog(), c.auditRetentionDays());
        return new ConsentPolicy(modes, consentGate, c.idHashKey().map(IdLast4Hash::new).orElse(null), client,
                new ConsentAudit(), Clock.systemUTC(), rulesClock, worker);
    }

    /** Durable accept (docs/reliability.md): queries are recorded before ESME_ROK, finished ones marked. */
    private void openJournal() throws IOException {
        GatewayConfig.Journal j = config.journal();
        if (!j.enabled()) {
            log.warn("journal off (config key journal.enabled): a crash loses the replies of acknowledged queries");
            return;
        }
        if (j.store() == GatewayConfig.Journal.Store.REDIS) {
            streamJournal = new RedisStreamJournal(redis(), new StreamJournalOptions(
                    j.instanceId().orElseGet(StreamJournalOptions::defaultInstanceId), j.commitTimeout(),
                    j.claimMinIdle(), j.streamMaxLength(), config.delivery().validity()), journalEvents());
            acceptLog = streamJournal;
            metrics.registerJournal(streamJournal::pending);
            return;
        }
        journal = Journal.open(new JournalOptions(j.dir(), j.fsyncInterval(), j.commitTimeout(), j.segmentBytes()));
        acceptLog = new JournalAcceptLog(journal, j.commitTimeout(), journalEvents());
        metrics.registerJournal(journal::pending);
        log.info("journal in {}: {} unfinished queries from an earlier run", j.dir(), journal.recovered().size());
    }

    private JournalAcceptLog.Events journalEvents() {
        return new JournalAcceptLog.Events() {
            @Override
            public void committed(long nanos) {
                metrics.journalCommitted(nanos);
            }

            @Override
            public void refused() {
                metrics.journalRefused();
            }
        };
    }

    /** The gateway's own Redis connection (stream journal, consent state), opened on first use. */
    private GatewayRedis redis() {
        if (redis == null) {
            redis = GatewayRedis.start(config.cache().redis().orElseThrow(), config.journal().commitTimeout());
        }
        return redis;
    }

    /** Replies to the queries an earlier run acknowledged and did not finish; they wait for a receiver bind. */
    private void startReplay(QueryService queries) {
        if (streamJournal != null) {
            // Taking over what a stopped instance (this one before a restart included) left pending.
            streamJournal.start(queries::replay, metrics::journalReplayed);
            return;
        }
        if (journal == null || journal.recovered().isEmpty()) {
            return;
        }
        replay = new Thread(new JournalReplay(journal.recovered(), (JournalAcceptLog) acceptLog, queries::replay,
                metrics::journalReplayed, config.delivery().validity(), Instant::now), "journal-replay");
        replay.setDaemon(true);
        replay.start();
    }

    private BindListener bindListener() {
        return new BindListener() {
            @Override
            public void bound(String carrierId, BindType type) {
                metrics.bound(carrierId, type);
                if (type.receives() && outbox != null) {
                    outbox.bindAvailable(carrierId);
                }
            }

            @Override
            public void unbound(String carrierId, BindType type) {
                metrics.unbound(carrierId, type);
            }

            @Override
            public void bindRefused(String reason) {
                metrics.bindRefused(reason);
            }
        };
    }

    public int smppPort() {
        return smpp.port();
    }

    /** The SMPP TLS port, or -1 when {@code smpp.tls} is not configured. */
    public int smppTlsPort() {
        return smpp.tlsPort();
    }

    public int metricsPort() {
        return admin.port();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public GatewayState state() {
        return state;
    }

    /**
     * The orderly stop of SIGTERM: refuse new queries ({@code ESME_RX_T_APPN}) and report draining, let the
     * replies in flight finish (bounded by {@code delivery.drainTimeout}), unbind every carrier, close.
     */
    public void drainAndClose() {
        state.startDraining();
        if (health != null) {
            health.startDraining();
        }
        if (worker != null) {
            worker.shutdown();
            try {
                worker.awaitTermination(config.delivery().drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (outbox != null) {
            try {
                int left = outbox.drain(config.delivery().drainTimeout());
                if (left > 0) {
                    log.warn("stopping with {} replies still undelivered", left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    @Override
    public void close() {
        if (replay != null) {
            replay.interrupt();
        }
        closeQuietly(esme);
        closeQuietly(smpp);
        closeQuietly(outbox);
        if (worker != null) {
            worker.shutdownNow();
        }
        closeQuietly(journal);
        closeQuietly(streamJournal);
        closeQuietly(probe);
        closeQuietly(client);
        closeQuietly(consentGate);
        closeQuietly(redis);
        closeQuietly(auditLog);
        closeQuietly(admin);
        closeQuietly(metrics);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
