package io.cxmyd.gateway.redis;

import static io.cxmyd.gateway.redis.StreamJournalOptions.GROUP;
import static io.cxmyd.gateway.redis.StreamJournalOptions.STREAM;

import io.cxmyd.itinerary.cache.RedisLink;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.concurrent.CompletableFuture;

/**
 * Puts one accepted query into the stream, and, with {@code journal.waitForReplicas} N &gt; 0, confirms it
 * only once N replicas hold it: {@code WAIT N timeout} after the script, on the same connection (WAIT counts
 * the writes of the connection it is sent on; on a cluster, that of the stream's master, see
 * {@link RedisLink#masterOf}).
 *
 * <p>WAIT blocks its connection until the replicas answer, and lettuce has one connection per node: one
 * WAIT per query would serialise every accept behind a replica round trip. So WAITs are group-committed, as
 * the disk journal's fsync is: while one is in flight, the scripts sent meanwhile all wait for the next one,
 * which covers every write sent before it.
 *
 * <p>A query whose replicas did not confirm in time is refused ({@code ESME_RX_T_APPN}, the carrier sends it
 * again); {@link TooFewReplicas} carries its entry, which the journal then deletes, so that no instance
 * answers it twice.
 */
final class StreamAppend {

    /**
     * KEYS[1] stream; ARGV group, consumer, maxlen, token, query. Returns the entry id. A group lost with a
     * Redis that restarted empty is created again (from 0: whatever is in the stream becomes ours to claim).
     */
    static final String ADD = """
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 't', ARGV[4], 'q', ARGV[5])
            local read = redis.pcall('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'STREAMS', KEYS[1], '>')
            if type(read) == 'table' and read.err then
              redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0')
              redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'STREAMS', KEYS[1], '>')
            end
            return id
            """;

    /** Thrown when fewer replicas than asked confirmed an entry within the wait. */
    static final class TooFewReplicas extends RuntimeException {
        private final String id;

        TooFewReplicas(String id, long got, int wanted) {
            super(got + " of " + wanted + " replicas confirmed", null, false, false);
            this.id = id;
        }

        /** The entry, in the stream on the master: to be removed (its query is refused). */
        String id() {
            return id;
        }
    }

    private final GatewayRedis redis;
    private final StreamJournalOptions options;
    private final Object lock = new Object();
    /** The WAIT on the wire, and the connection it was sent on; null when none. */
    private CompletableFuture<Long> inFlight;
    private RedisClusterAsyncCommands<String, String> inFlightOn;
    /** The WAIT the writes sent while one is in flight wait for; sent when the one in flight answers. */
    private CompletableFuture<Long> next;

    StreamAppend(GatewayRedis redis, StreamJournalOptions options) {
        this.redis = redis;
        this.options = options;
    }

    /** The entry id once the query is in the stream (and on the replicas asked for); fails otherwise. */
    CompletableFuture<String> add(String token, String query) {
        RedisLink link = redis.link();
        if (link == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
        }
        if (options.waitForReplicas() == 0) {
            return script(link.async(), token, query);
        }
        return link.masterOf(STREAM).thenCompose(master -> {
            CompletableFuture<String> id = script(master, token, query);
            CompletableFuture<Long> replicated = replicated(master);
            return id.thenCombine(replicated, (entry, replicas) -> {
                if (replicas < options.waitForReplicas()) {
                    throw new TooFewReplicas(entry, replicas, options.waitForReplicas());
                }
                return entry;
            }).whenComplete((entry, error) -> {
                if (error != null && !(unwrap(error) instanceof TooFewReplicas)) {
                    // Sent to a node that is no longer the master (MOVED), or one that went away.
                    link.topologyMayHaveChanged();
                }
            });
        });
    }

    private CompletableFuture<String> script(RedisClusterAsyncCommands<String, String> c, String token, String query) {
        return c.<String>eval(ADD, ScriptOutputType.VALUE, new String[] {STREAM}, GROUP, options.instanceId(),
                Long.toString(options.maxLength()), token, query).toCompletableFuture();
    }

    /**
     * A WAIT that covers every write sent on {@code c} before this call: the one about to be sent, or the next
     * one when one is already in flight on {@code c} (that one may have been sent before the write).
     */
    private CompletableFuture<Long> replicated(RedisClusterAsyncCommands<String, String> c) {
        synchronized (lock) {
            if (inFlight == null) {
                return sendWait(c);
            }
            if (inFlightOn != c) {
                return waitOn(c); // the master changed meanwhile: a WAIT of its own, on the new connection
            }
            if (next == null) {
                next = new CompletableFuture<>();
            }
            return next;
        }
    }

    /**
     * Sends a WAIT on {@code c} as the one in flight; lock held. One that fails at once (disconnected) clears
     * the state again before this returns.
     */
    private CompletableFuture<Long> sendWait(RedisClusterAsyncCommands<String, String> c) {
        CompletableFuture<Long> sent = waitOn(c);
        inFlight = sent;
        inFlightOn = c;
        sent.whenComplete((n, e) -> afterWait(c));
        return sent;
    }

    private CompletableFuture<Long> waitOn(RedisClusterAsyncCommands<String, String> c) {
        try {
            return c.waitForReplication(options.waitForReplicas(), options.replicaWait().toMillis())
                    .toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void afterWait(RedisClusterAsyncCommands<String, String> c) {
        CompletableFuture<Long> waiting;
        CompletableFuture<Long> sent = null;
        synchronized (lock) {
            waiting = next;
            next = null;
            inFlight = null;
            inFlightOn = null;
            if (waiting != null) {
                sent = sendWait(c);
            }
        }
        if (sent != null) {
            CompletableFuture<Long> w = waiting;
            sent.whenComplete((n, e) -> {
                if (e != null) {
                    w.completeExceptionally(e);
                } else {
                    w.complete(n);
                }
            });
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
