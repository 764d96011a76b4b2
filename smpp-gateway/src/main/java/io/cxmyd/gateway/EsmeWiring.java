package io.cxmyd.gateway;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.smpp.BindType;
import io.cxmyd.gateway.smpp.esme.EsmeEvents;
import io.cxmyd.gateway.smpp.esme.EsmeLinks;
import io.cxmyd.gateway.smpp.esme.EsmeOptions;
import io.cxmyd.gateway.smpp.esme.ReceiptState;
import java.time.Clock;
import java.util.List;

/** The carriers in ESME mode (those with {@code smsc}): their options, and their events told to the metrics. */
final class EsmeWiring {

    private EsmeWiring() {
    }

    /** The links, not bound yet: {@link EsmeLinks#start} once the query path exists. */
    static EsmeLinks links(GatewayConfig config, GatewayMetrics metrics) {
        return new EsmeLinks(options(config), events(metrics), Clock.systemUTC());
    }

    static List<EsmeOptions> options(GatewayConfig config) {
        return config.carriers().stream().filter(GatewayConfig.Carrier::esmeMode).map(c -> {
            GatewayConfig.Smsc s = c.smsc().orElseThrow();
            return new EsmeOptions(c.id(), c.systemId(), c.password(), s.host(), s.port(),
                    s.bind() == GatewayConfig.SmscBind.PAIR, s.sessions(), s.systemType(), s.tls(),
                    s.enquireLinkInterval(), s.bindTimeout(), s.responseTimeout(), s.window(), s.throughput(),
                    s.reconnectMin(), s.reconnectMax(), s.receipts(), config.smpp().pduProcessorThreads());
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
        };
    }
}
