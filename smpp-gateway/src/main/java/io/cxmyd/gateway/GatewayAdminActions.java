package io.cxmyd.gateway;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.ops.AdminActions;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.query.GatewayState;
import io.cxmyd.gateway.smpp.BindInfo;
import io.cxmyd.gateway.smpp.ServerLinks;
import io.cxmyd.gateway.smpp.esme.EsmeLinks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin view's actions on a running gateway: its binds, and suspending a configured carrier. Suspensions
 * are kept in {@code admin.stateFile} and restored at start, and shown as {@code cxmyd_carrier_suspended}.
 */
final class GatewayAdminActions implements AdminActions {

    private static final Logger log = LoggerFactory.getLogger(GatewayAdminActions.class);

    private final GatewayConfig config;
    private final GatewayState state;
    private final ServerLinks links;
    private final GatewayMetrics metrics;
    private final EsmeLinks esme;
    private final SuspensionFile file;
    private final Set<String> suspended = new LinkedHashSet<>();

    /** @param esme the binds out to carriers' SMSCs (ESME mode) */
    GatewayAdminActions(GatewayConfig config, GatewayState state, ServerLinks links, GatewayMetrics metrics,
            EsmeLinks esme) {
        this.esme = esme;
        this.config = config;
        this.state = state;
        this.links = links;
        this.metrics = metrics;
        this.file = new SuspensionFile(config.admin().stateFile());
        restore();
    }

    /** Before the SMPP port opens: a carrier suspended before the restart takes no query after it. */
    private void restore() {
        for (String id : file.read()) {
            if (config.carrier(id).isEmpty()) {
                log.warn("[admin] {} lists carrier {}, which is no longer configured: ignored", file.path(), id);
                continue;
            }
            suspended.add(id);
            state.suspend(id);
            metrics.suspended(id, true);
            log.warn("[admin] carrier {} is still suspended (since before the restart; {})", id, file.path());
        }
    }

    @Override
    public List<BindInfo> binds() {
        List<BindInfo> all = new ArrayList<>(links.binds());
        all.addAll(esme.binds());
        return all;
    }

    @Override
    public synchronized boolean suspend(String carrierId) {
        if (config.carrier(carrierId).isEmpty()) {
            return false;
        }
        state.suspend(carrierId);
        suspended.add(carrierId);
        metrics.suspended(carrierId, true);
        file.write(suspended);
        return true;
    }

    @Override
    public synchronized boolean resume(String carrierId) {
        if (config.carrier(carrierId).isEmpty()) {
            return false;
        }
        state.resume(carrierId);
        suspended.remove(carrierId);
        metrics.suspended(carrierId, false);
        file.write(suspended);
        return true;
    }
}
