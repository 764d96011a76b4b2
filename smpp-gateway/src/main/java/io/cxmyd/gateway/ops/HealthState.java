package io.cxmyd.gateway.ops;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What the gateway tells the health endpoints: the SMPP server sets {@link #smppListening(boolean)}, shutdown
 * calls {@link #startDraining()}, and the itinerary source is asked at each check. Thread-safe.
 */
public final class HealthState {

    private volatile BooleanSupplier sourceReady = () -> false;
    private volatile BooleanSupplier linksReady = () -> true;
    private volatile boolean smppListening;
    private volatile boolean draining;

    /** @param sourceReady asked at each check (e.g. {@code ItineraryClient::ready}); must be cheap */
    public HealthState(BooleanSupplier sourceReady) {
        this.sourceReady = Objects.requireNonNull(sourceReady, "sourceReady");
    }

    /** Not ready until {@link #sourceLoaded} names the loaded itinerary source: the endpoint answers meanwhile. */
    public HealthState() {
    }

    /** The itinerary source is loaded; from now on {@code sourceReady} is asked at each check. */
    public void sourceLoaded(BooleanSupplier sourceReady) {
        this.sourceReady = Objects.requireNonNull(sourceReady, "sourceReady");
    }

    /**
     * The carrier links the gateway keeps up itself (ESME mode: each such carrier bound to its SMSC both ways);
     * asked at each check. Without this call they count as ready.
     */
    public void linksReady(BooleanSupplier linksReady) {
        this.linksReady = Objects.requireNonNull(linksReady, "linksReady");
    }

    /** The SMPP port started ({@code true}) or stopped ({@code false}) listening. */
    public void smppListening(boolean listening) {
        this.smppListening = listening;
    }

    /**
     * The gateway is shutting down: from now on it reports not ready, so that traffic moves elsewhere while
     * replies already queued are still delivered. There is no way back.
     */
    public void startDraining() {
        this.draining = true;
    }

    /** The current reading. A source check that throws counts as not ready: the endpoint must still answer. */
    public Health check() {
        boolean source;
        try {
            source = sourceReady.getAsBoolean();
        } catch (RuntimeException e) {
            source = false;
        }
        boolean links;
        try {
            links = linksReady.getAsBoolean();
        } catch (RuntimeException e) {
            links = false;
        }
        return Health.of(smppListening, source, links, draining);
    }
}
