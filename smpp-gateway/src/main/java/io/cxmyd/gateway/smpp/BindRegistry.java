package io.cxmyd.gateway.smpp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every open connection, and per carrier the binds that can take deliver_sm. */
final class BindRegistry {

    private static final Logger log = LoggerFactory.getLogger(BindRegistry.class);

    private final BindListener listener;
    private final Set<ServerBind> open = ConcurrentHashMap.newKeySet();
    private final Map<String, List<ServerBind>> receiving = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> cursors = new ConcurrentHashMap<>();
    /** The carrier of every connection whose bind was admitted (counted against maxBinds), until it closes. */
    private final Map<ServerBind, String> admitted = new HashMap<>();

    BindRegistry(BindListener listener) {
        this.listener = listener;
    }

    /** Takes a new connection unless {@code max} are already open. */
    synchronized boolean open(ServerBind bind, int max) {
        return open(bind, max, Integer.MAX_VALUE, 0, true) == null;
    }

    /**
     * Takes a new connection, or says why not: {@code max} open in all; {@code maxUnboundPerAddress} from its
     * address not bound yet (a peer that never binds holds slots without any credential); or, for an address
     * on no allow list, all but the {@code reserved} slots taken, which stay for the carriers' own addresses.
     *
     * @return null when taken, else the reason for the log
     */
    synchronized String open(ServerBind bind, int max, int maxUnboundPerAddress, int reserved,
            boolean allowListed) {
        if (open.size() >= max) {
            return max + " connections already open";
        }
        if (!allowListed && open.size() >= max - reserved) {
            return (max - reserved) + " connections open, the other " + reserved + " kept for allow-listed addresses";
        }
        String key = BindPacing.addressKey(bind.remoteAddress());
        long unbound = open.stream()
                .filter(b -> b.carrierId() == null && key.equals(BindPacing.addressKey(b.remoteAddress())))
                .count();
        if (unbound >= maxUnboundPerAddress) {
            return unbound + " connections from this address not bound yet";
        }
        open.add(bind);
        return null;
    }

    synchronized void closed(ServerBind bind) {
        open.remove(bind);
        admitted.remove(bind);
    }

    /**
     * Takes {@code bind} as one of {@code carrierId}'s binds unless the carrier already holds {@code max}, or the
     * connection is already gone (its slot would then never be given back). Held until {@link #released}.
     */
    synchronized boolean admit(ServerBind bind, String carrierId, int max) {
        if (!open.contains(bind)) {
            return false;
        }
        long held = admitted.values().stream().filter(carrierId::equals).count();
        if (held >= max) {
            return false;
        }
        admitted.put(bind, carrierId);
        return true;
    }

    synchronized void released(ServerBind bind) {
        admitted.remove(bind);
    }

    Set<ServerBind> openBinds() {
        return Set.copyOf(open);
    }

    void up(ServerBind bind) {
        if (bind.type().receives()) {
            receiving.computeIfAbsent(bind.carrierId(), c -> new CopyOnWriteArrayList<>()).add(bind);
        }
        log.info("{} bound", bind.logPrefix());
        notify(() -> listener.bound(bind.carrierId(), bind.type()));
    }

    void down(ServerBind bind) {
        List<ServerBind> binds = receiving.get(bind.carrierId());
        if (binds != null) {
            binds.remove(bind);
        }
        log.info("{} unbound", bind.logPrefix());
        notify(() -> listener.unbound(bind.carrierId(), bind.type()));
    }

    void refused(String reason) {
        notify(() -> listener.bindRefused(reason));
    }

    void slowed(java.time.Duration delay) {
        notify(() -> listener.bindSlowed(delay));
    }

    /** The binds of {@code carrierId} that take deliver_sm, starting at the next one in round-robin order. */
    List<ServerBind> receiversInTurn(String carrierId) {
        List<ServerBind> binds = receiving.get(carrierId);
        if (binds == null || binds.isEmpty()) {
            return List.of();
        }
        Object[] snapshot = binds.toArray();
        int n = snapshot.length;
        if (n == 0) {
            return List.of();
        }
        int start = Math.floorMod(cursors.computeIfAbsent(carrierId, c -> new AtomicInteger()).getAndIncrement(), n);
        ServerBind[] inTurn = new ServerBind[n];
        for (int i = 0; i < n; i++) {
            inTurn[i] = (ServerBind) snapshot[(start + i) % n];
        }
        return List.of(inTurn);
    }

    boolean canDeliver(String carrierId) {
        List<ServerBind> binds = receiving.get(carrierId);
        return binds != null && !binds.isEmpty();
    }

    /** A listener that throws must not break a bind: it is logged and the bind goes on. */
    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("BindListener failed", e);
        }
    }
}
