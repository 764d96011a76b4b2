package io.cxmyd.gateway;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.smpp.BindType;
import io.cxmyd.gateway.smpp.esme.EsmeEvents;
import io.cxmyd.gateway.smpp.esme.EsmeLinks;
import io.cxmyd.gateway.smpp.esme.EsmeOptions;
import io.cxmyd.gateway.smpp.esme.ReceiptState;
import io.cxmyd.gateway.binds.BindBudget;
import io.cxmyd.gateway.binds.InProcessBindBudget;
import io.cxmyd.gateway.redis.GatewayRedis;
import io.cxmyd.gateway.redis.RedisBindBudget;
import io.cxmyd.gateway.redis.StreamJournalOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The carriers in ESME mode (those with {@code smsc}): their options, and their events told to the metrics. */
final class EsmeWiring {

    private static final Logger log = LoggerFactory.getLogger(EsmeWiring.class);

    private EsmeWiring() {
    }

    /** Whether some ESME-mode carrier has {@code smsc.sessionBudget}: its binds are leased (issue 15 item 4). */
    static boolean budgeted(GatewayConfig config) {
        return config.carriers().stream().anyMatch(c -> c.smsc().map(s -> s.sessionBudget() > 0).orElse(false));
    }

    /**
     * The session budget of each carrier with {@code smsc.sessionBudget}: shared through {@code redis} by every
     * instance on it, or, without Redis, this instance's alone (it may hold the whole budget).
     */
    static Map<String, BindBudget> budgets(GatewayConfig config, GatewayRedis redis, Duration commandTimeout) {
        Map<String, BindBudget> budgets = new HashMap<>();
        // Unique among live instances, also several in one JVM: a restarted instance's old leases just expire.
        String instance = StreamJournalOptions.defaultInstanceId();
        instance = instance.substring(Math.max(0, instance.length() - 56)) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000000));
        for (GatewayConfig.Carrier c : config.carriers()) {
            GatewayConfig.Smsc s = c.smsc().orElse(null);
            if (s == null || s.sessionBudget() < 1) {
                continue;
            }
            if (redis == null) {
                log.warn("[{} esme] smsc.sessionBudget {} without cache.redis: not shared with other instances",
                        c.id(), s.sessionBudget());
                budgets.put(c.id(), new InProcessBindBudget(Map.of(c.id(), s.sessionBudget())));
            } else {
                budgets.put(c.id(), new RedisBindBudget(redis, Map.of(c.id(), s.sessionBudget()), instance,
                        s.sessionLeaseTtl(), commandTimeout));
            }
        }
        return budgets;
    }

    /** The links, not bound yet: {@link EsmeLinks#start} once the query path exists. */
    static EsmeLinks links(GatewayConfig config, GatewayMetrics metrics) {
        return new EsmeLinks(options(config), events(metrics), Clock.systemUTC());
    }

    /**
     * PDU threads of an ESME session at least: a deliver_sm no longer holds one (its response is written from
     * the journal's completion, DeliverSmResponses), but a data_sm still waits for its commit on one. Two
     * threads measured the same as 32 (docs/performance.md, sixth run), so the floor stays for data_sm.
     */
    static final int ESME_PDU_THREADS_AT_LEAST = 32;

    static List<EsmeOptions> options(GatewayConfig config) {
        return config.carriers().stream().filter(GatewayConfig.Carrier::esmeMode).map(c -> {
            GatewayConfig.Smsc s = c.smsc().orElseThrow();
            return new EsmeOptions(c.id(), c.systemId(), c.password(), s.host(), s.port(),
                    s.bind() == GatewayConfig.SmscBind.PAIR, s.sessions(), s.systemType(), s.tls(),
                    s.trustStore().map(GatewayConfig.TrustStore::path),
                    s.trustStore().map(GatewayConfig.TrustStore::password).orElse(null), s.verifyHostname(),
                    s.enquireLinkInterval(), s.bindTimeout(), s.responseTimeout(), s.window(), s.throughput(),
                    s.reconnectMin(), s.reconnectMax(), s.receipts(),
                    Math.max(ESME_PDU_THREADS_AT_LEAST, config.smpp().pduProcessorThreads()));
        }).toList();
    }

    /** The outbox's sender threads for an ESME-mode carrier: one per submit_sm the windows allow (jsmpp blocks). */
    static int senderThreads(GatewayConfig.Smsc smsc) {
        return Math.min(1024, smsc.sessions() * smsc.window());
    }

    private static EsmeEvents events(GatewayMetrics metrics) {
        return new EsmeEvents() {
            @Override
            public void bound(String carrierId, BindType type) {
                metrics.bound(carrierId, type);
            }

            @Override
            public void unbound(String carrierId, BindType type) {
                metrics.unbound(carrierId, type);
            }

            @Override
            public void bindAttempt(String carrierId, BindAttempt result) {
                metrics.esme().bindAttempt(carrierId, result);
            }

            @Override
            public void receipt(String carrierId, ReceiptState state, boolean matched) {
                metrics.esme().receipt(carrierId, state, matched);
            }

            @Override
            public void partWaited(String carrierId) {
                metrics.esme().partWaited(carrierId);
            }
        };
    }
}
