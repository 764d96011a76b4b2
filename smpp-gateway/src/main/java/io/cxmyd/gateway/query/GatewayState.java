package io.cxmyd.gateway.query;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Whether the gateway takes new queries: not while draining for shutdown, nor on a suspended carrier. */
public final class GatewayState {

    private volatile boolean draining;
    private final Set<String> suspended = ConcurrentHashMap.newKeySet();

    public void startDraining() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    public void suspend(String carrierId) {
        suspended.add(carrierId);
    }

    public void resume(String carrierId) {
        suspended.remove(carrierId);
    }

    public boolean suspended(String carrierId) {
        return suspended.contains(carrierId);
    }

    /** Whether a new query from {@code carrierId} is taken now. */
    public boolean accepting(String carrierId) {
        return !draining && !suspended.contains(carrierId);
    }
}
