package io.cxmyd.gateway;

import io.cxmyd.gateway.binds.BindBudget;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.consent.AuditLogFile;
import io.cxmyd.gateway.consent.ConsentGate;
import io.cxmyd.gateway.consent.ConsentOptions;
import io.cxmyd.gateway.consent.ConsentRules;
import io.cxmyd.gateway.delivery.Outbox;
import io.cxmyd.gateway.journal.AcceptLog;
import io.cxmyd.gateway.journal.Journal;
import io.cxmyd.gateway.journal.JournalAcceptLog;
import io.cxmyd.gateway.journal.JournalEvents;
import io.cxmyd.gateway.journal.JournalOptions;
import io.cxmyd.gateway.journal.JournalReplay;
import io.cxmyd.gateway.ops.AdminHttpOptions;
import io.cxmyd.gateway.ops.AdminHttpServer;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.ops.HealthState;
import io.cxmyd.gateway.ops.SourceProbe;
import io.cxmyd.gateway.query.GatewayState;
import io.cxmyd.gateway.query.QueryPath;
import io.cxmyd.gateway.redis.GatewayRedis;
import io.cxmyd.gateway.redis.RedisConsentStore;
import io.cxmyd.gateway.redis.RedisStreamJournal;
import io.cxmyd.gateway.redis.StreamJournalOptions;
import io.cxmyd.gateway.smpp.BindListener;
import io.cxmyd.gateway.smpp.BindType;
import io.cxmyd.gateway.smpp.ServerLinks;
import io.cxmyd.gateway.smpp.SmppServer;
import io.cxmyd.gateway.smpp.esme.EsmeLinks;
import io.cxmyd.gateway.web.WebChannel;
import io.cxmyd.gateway.wire.GatheringWorkers;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.source.ItinerarySource;
import io.cxmyd.itinerary.source.http.HttpItinerarySource;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a started gateway, built in the order a query flows through them: the carriers' links (no
 * port yet), the admin port (503 while loading), the itinerary client, the journal, the consent state, the
 * workers, the outbox on the links, the query path on all of these, and last the SMPP port that feeds it, so
 * a carrier that binds finds everything ready. They close in the reverse order.
 */
final class RunningGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningGateway.class);

    /** What is started so far, closed last-first; on a failed start, what did start. */
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final HealthState health = new HealthState();
    private final ServerLinks links;
    private final EsmeLinks esme;
    private final AdminHttpServer admin;
    private final ThreadPoolExecutor worker;
    private final Outbox outbox;
    private final SmppServer smpp;
    private AreaCatalog catalog;
    private WebChannel web;

    /** The metrics port's limits (docs/reliability.md, "Hostile peers") and the admin view's token. */
    private static AdminHttpOptions adminHttpOptions(GatewayConfig config) {
        GatewayConfig.Metrics m = config.metrics();
        return AdminHttpOptions.builder().host(m.host()).port(m.port())
                .requestTimeout(m.requestTimeout())
                .maxConnections(m.maxConnections())
                .maxConnectionsPerAddress(m.maxConnectionsPerAddress())
                .allowedHosts(m.allowedHosts())
                .adminToken(config.admin().enabled() ? config.admin().token() : null)
                .build();
    }

    RunningGateway(GatewayConfig config, GatewayMetrics metrics, GatewayState state, Clock webClock)
            throws IOException {
        this.config = config;
        this.metrics = metrics;
        try {
            links = ServerLinks.create(bindMetrics(metrics));
            // ESME mode: the binds out to carriers' SMSCs, started once the path exists (docs/smpp.md).
            esme = started(EsmeWiring.links(config, metrics));
            health.linksReady(esme::ready);
            admin = started(AdminHttpServer.start(adminHttpOptions(config), metrics, health,
                    config.admin().enabled() ? new GatewayAdminActions(config, state, links, metrics, esme) : null));
            ItineraryClient client = itineraryClient();
            GatewayRedis redis = needsRedis() ? started(GatewayRedis.start(config.cache().redisEndpoints().orElseThrow(),
                    redisCommandTimeout())) : null;
            Journals journals = openJournal(redis);
            ConsentGate consentGate = consentGate(redis);
            worker = started(workers(config.workers()), ThreadPoolExecutor::shutdownNow);
            outbox = started(new Outbox(esme.over(links), SmppWiring.outboxOptions(config), new ReplyOutcomes(metrics)));
            for (GatewayConfig.Carrier c : config.carriers()) {
                metrics.registerQueue(c.id(), () -> outbox.depth(c.id()), () -> outbox.oldestAge(c.id()));
            }
            outbox.start();
            QueryPath path = QueryWiring.path(config, state, journals.acceptLog(), worker, client, consentGate, outbox,
                    metrics, redis);
            startReplay(journals, path);
            smpp = started(new SmppServer(SmppWiring.smppOptions(config), SmppWiring.accounts(config), path, links,
                    Clock.systemUTC()));
            smpp.start();
            Map<String, BindBudget> budgets = EsmeWiring.budgets(config, redis, redisCommandTimeout());
            esme.start(path, budgets);
            if (!budgets.isEmpty()) {
                // Unbind (and give the leases back) while Redis is still open: closed last-first.
                started(esme, EsmeLinks::close);
            }
            health.smppListening(true);
            if (config.web().isPresent()) {
                web = started(WebWiring.start(config, client, catalog, outbox, metrics, webClock, redis));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        log.info("SMPP listening on {}:{} for carriers {}", config.smpp().host(), smpp.port(),
                config.carriers().stream().map(GatewayConfig.Carrier::id).toList());
        config.clock().ifPresent(c -> log.warn("itinerary rules run on the pinned clock {} (config key clock)", c));
    }

    private ItineraryClient itineraryClient() {
        catalog = AreaCatalog.standard();
        ItinerarySource source = ItineraryWiring.source(config, catalog);
        SourceProbe probe = null;
        if (source instanceof HttpItinerarySource http) {
            // Ready only while the platform answers its health check (docs/operations.md, health).
            probe = started(new SourceProbe(http::checkHealth, "itinerary-http "
                    + config.itinerary().http().baseUrl().getAuthority()).start(SourceProbe.DEFAULT_INTERVAL));
        }
        ItineraryClient client = started(ItineraryWiring.client(config, source, catalog, metrics));
        SourceProbe answering = probe;
        health.sourceLoaded(() -> client.ready() && (answering == null || answering.answering()));
        return client;
    }

    /**
     * The connection's own command timeout serves the journal and the consent state, each of which waits its
     * own time (journal.commitTimeout, consent.storeTimeout): the longer, so neither is cut short by the other's.
     */
    private Duration redisCommandTimeout() {
        Duration journal = config.journal().commitTimeout();
        Duration consent = config.consent().storeTimeout();
        return QueryWiring.needsConsent(config) && consent.compareTo(journal) > 0 ? consent : journal;
    }

    private boolean needsRedis() {
        GatewayConfig.Journal j = config.journal();
        return config.cache().redisConfigured()
                && (config.web().isPresent() || j.enabled() && j.store() == GatewayConfig.Journal.Store.REDIS
                        || QueryWiring.needsConsent(config) || QueryWiring.sharedLimit(config)
                        || EsmeWiring.budgeted(config));
    }

    /** The accept log and what replays it: the local journal, the Redis stream, or none. */
    private record Journals(AcceptLog acceptLog, Journal journal, RedisStreamJournal stream) {
    }

    /** Durable accept (docs/reliability.md): queries are recorded before ESME_ROK, finished ones marked. */
    private Journals openJournal(GatewayRedis redis) throws IOException {
        GatewayConfig.Journal j = config.journal();
        if (!j.enabled()) {
            log.warn("journal off (config key journal.enabled): a crash loses the replies of acknowledged queries");
            return new Journals(AcceptLog.NONE, null, null);
        }
        JournalEvents events = new JournalEvents() {
            @Override
            public void committed(long nanos) {
                metrics.journalCommitted(nanos);
            }

            @Override
            public void refused() {
                metrics.journalRefused();
            }
        };
        if (j.store() == GatewayConfig.Journal.Store.REDIS) {
            RedisStreamJournal stream = started(new RedisStreamJournal(redis, new StreamJournalOptions(
                    j.instanceId().orElseGet(StreamJournalOptions::defaultInstanceId), j.commitTimeout(),
                    j.claimMinIdle(), j.streamMaxLength(), config.delivery().validity(), j.waitForReplicas()),
                    events));
            metrics.registerJournal(stream::pending);
            return new Journals(stream, null, stream);
        }
        Journal journal = started(Journal.open(new JournalOptions(j.dir(), j.fsyncInterval(), j.commitTimeout(),
                j.segmentBytes())));
        metrics.registerJournal(journal::pending);
        log.info("journal in {}: {} unfinished queries from an earlier run", j.dir(), journal.recovered().size());
        // Opened after the journal, so closed before it: its commit timers stop first.
        return new Journals(started(new JournalAcceptLog(journal, j.commitTimeout(), events)), journal, null);
    }

    /** The consent state, or {@code null} when every carrier's verification is none. */
    private ConsentGate consentGate(GatewayRedis redis) {
        if (!QueryWiring.needsConsent(config)) {
            return null;
        }
        GatewayConfig.Consent c = config.consent();
        started(AuditLogFile.attach(c.auditLog(), c.auditRetentionDays(), config.itinerary().zone()));
        ConsentOptions options = new ConsentOptions(c.window(), c.maxAttempts(), config.itinerary().zone());
        log.info("consent step for carriers {}; audit log {} kept {} days", QueryWiring.consentModes(config),
                c.auditLog(), c.auditRetentionDays());
        if (redis == null) {
            return started(ConsentGate.inProcess(options, Clock.systemUTC()));
        }
        // Shared by every instance on this Redis (docs/carrier-integration.md): a Y may reach any of them.
        ConsentRules rules = new ConsentRules(options);
        return started(new ConsentGate(rules, new RedisConsentStore(redis, rules, Clock.systemUTC(), c.storeTimeout()),
                Clock.systemUTC()));
    }

    /** Replies to the queries an earlier run acknowledged and did not finish; they wait for a receiver bind. */
    private void startReplay(Journals journals, QueryPath path) {
        if (journals.stream() != null) {
            // Taking over what a stopped instance (this one before a restart included) left pending.
            journals.stream().start(path::replay, metrics::journalReplayed);
            return;
        }
        Journal journal = journals.journal();
        if (journal == null || journal.recovered().isEmpty()) {
            return;
        }
        Thread replay = new Thread(new JournalReplay(journal.recovered(), (JournalAcceptLog) journals.acceptLog(),
                path::replay, metrics::journalReplayed, config.delivery().validity(), Instant::now), "journal-replay");
        replay.setDaemon(true);
        started(replay, Thread::interrupt);
        replay.start();
    }

    private static ThreadPoolExecutor workers(GatewayConfig.Workers w) {
        // The workers write the first part of each reply: gathered while queries are queued (wire package).
        return new GatheringWorkers(w.threads(), w.queueCapacity(), named("query-worker"));
    }

    private static BindListener bindMetrics(GatewayMetrics metrics) {
        return new BindListener() {
            @Override
            public void bound(String carrierId, BindType type) {
                metrics.bound(carrierId, type);
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

    /** {@code part} has started: it is closed with the others, last-started first. */
    private <T extends AutoCloseable> T started(T part) {
        toClose.push(part);
        return part;
    }

    private <T> T started(T part, java.util.function.Consumer<T> closer) {
        toClose.push(() -> closer.accept(part));
        return part;
    }

    int smppPort() {
        return smpp.port();
    }

    int smppTlsPort() {
        return smpp.tlsPort();
    }

    int webPort() {
        return web == null ? -1 : web.port();
    }

    int metricsPort() {
        return admin.port();
    }

    /**
     * The orderly stop of SIGTERM, after the state stopped taking queries: report draining, let the workers
     * and the replies in flight finish (each bounded by {@code delivery.drainTimeout}), then close.
     */
    void drain() {
        health.startDraining();
        worker.shutdown();
        try {
            worker.awaitTermination(config.delivery().drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            int left = outbox.drain(config.delivery().drainTimeout());
            if (left > 0) {
                log.warn("stopping with {} replies still undelivered", left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c; (c = toClose.poll()) != null; ) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
