package io.cxmyd.gateway.ops;

/**
 * One reading of the gateway's readiness, as {@code GET /health} shows it.
 *
 * @param status UP when ready, DRAINING while shutting down, else DOWN
 * @param smppListening whether the SMPP port accepts connections
 * @param sourceReady whether the itinerary source has loaded and answers
 * @param linksReady whether every ESME-mode carrier is bound to its SMSC both ways (true when there is none)
 * @param draining whether the gateway is shutting down
 */
public record Health(Status status, boolean smppListening, boolean sourceReady, boolean linksReady,
                     boolean draining) {

    public enum Status {
        UP,
        DOWN,
        DRAINING
    }

    /** The reading of these three facts: draining wins, then both checks must pass. */
    public static Health of(boolean smppListening, boolean sourceReady, boolean draining) {
        return of(smppListening, sourceReady, true, draining);
    }

    /** The same with the ESME-mode links: draining wins, then every check must pass. */
    public static Health of(boolean smppListening, boolean sourceReady, boolean linksReady, boolean draining) {
        Status status = draining ? Status.DRAINING
                : smppListening && sourceReady && linksReady ? Status.UP : Status.DOWN;
        return new Health(status, smppListening, sourceReady, linksReady, draining);
    }

    /** Whether a load balancer or an orchestrator should send work here. */
    public boolean ready() {
        return status == Status.UP;
    }

    /**
     * The response body: {@code {"status":"UP"}} when ready; otherwise the status and which check failed, so
     * that whoever reads a 503 sees why without a second request.
     */
    public String toJson() {
        if (ready()) {
            return "{\"status\":\"UP\"}";
        }
        return "{\"status\":\"" + status + "\",\"smppListening\":" + smppListening
                + ",\"sourceReady\":" + sourceReady + (linksReady ? "" : ",\"carrierLinksReady\":false") + "}";
    }
}
