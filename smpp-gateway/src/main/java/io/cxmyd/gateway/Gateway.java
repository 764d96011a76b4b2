package io.cxmyd.gateway;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.query.GatewayState;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * The running service: the parts the config describes ({@link RunningGateway}, built in the order a query
 * flows through them) and their lifecycle. Stop order is the reverse of the start, with a drain in between.
 */
public final class Gateway implements AutoCloseable {

    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final GatewayState state = new GatewayState();
    private volatile RunningGateway running;
    private final Clock webClock;

    public Gateway(GatewayConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With the clock the web channel's codes, budgets and sessions run on (tests move it). */
    public Gateway(GatewayConfig config, Clock webClock) {
        this.config = config;
        this.webClock = webClock;
        List<String> ids = config.carriers().stream().map(GatewayConfig.Carrier::id).toList();
        this.metrics = new GatewayMetrics(ids, config.cache().redisConfigured());
    }

    /** Starts every part; throws (after closing what started) when one cannot start. */
    public Gateway start() throws IOException {
        if (running != null) {
            throw new IllegalStateException("gateway already started");
        }
        try {
            running = new RunningGateway(config, metrics, state, webClock);
        } catch (IOException | RuntimeException e) {
            metrics.close();
            throw e;
        }
        return this;
    }

    private RunningGateway running() {
        RunningGateway r = running;
        if (r == null) {
            throw new IllegalStateException("gateway not started");
        }
        return r;
    }

    public int smppPort() {
        return running().smppPort();
    }

    /** The SMPP TLS port, or -1 when {@code smpp.tls} is not configured. */
    public int smppTlsPort() {
        return running().smppTlsPort();
    }

    /** The web channel's port; -1 without {@code web}. */
    public int webPort() {
        return running().webPort();
    }

    public int metricsPort() {
        return running().metricsPort();
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
        RunningGateway r = running;
        if (r != null) {
            r.drain();
        }
        close();
    }

    @Override
    public void close() {
        RunningGateway r = running;
        if (r != null) {
            r.close();
        }
        metrics.close();
    }
}
