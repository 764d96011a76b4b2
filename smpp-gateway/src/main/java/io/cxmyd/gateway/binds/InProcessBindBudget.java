package io.cxmyd.gateway.binds;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The budget of one instance alone (no Redis): at most {@code budget} sessions per carrier in this process.
 * Leases never expire; they end when released.
 */
public final class InProcessBindBudget implements BindBudget {

    private final Map<String, Integer> budgets;
    private final Map<String, Set<String>> held = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /** @param budgets sessions allowed per carrier id; a carrier not listed gets none */
    public InProcessBindBudget(Map<String, Integer> budgets) {
        this.budgets = Map.copyOf(budgets);
    }

    @Override
    public synchronized Optional<Lease> acquire(String carrierId) {
        Set<String> leases = held.computeIfAbsent(carrierId, c -> new HashSet<>());
        if (leases.size() >= budgets.getOrDefault(carrierId, 0)) {
            return Optional.empty();
        }
        String id = "local#" + sequence.incrementAndGet();
        leases.add(id);
        return Optional.of(new Lease(carrierId, id));
    }

    @Override
    public synchronized Renewal renew(Lease lease) {
        return held.getOrDefault(lease.carrierId(), Set.of()).contains(lease.id()) ? Renewal.HELD : Renewal.LOST;
    }

    @Override
    public synchronized void release(Lease lease) {
        held.getOrDefault(lease.carrierId(), new HashSet<>()).remove(lease.id());
    }

    @Override
    public Duration renewEvery() {
        return Duration.ofSeconds(10);
    }
}
