package io.cxmyd.gateway.redis;

import static io.cxmyd.gateway.redis.StreamJournalOptions.GROUP;
import static io.cxmyd.gateway.redis.StreamJournalOptions.STREAM;

import io.cxmyd.gateway.journal.AcceptLog;
import io.cxmyd.gateway.journal.JournalCodec;
import io.cxmyd.gateway.journal.JournalEvents;
import io.cxmyd.gateway.journal.JournalRecord;
import io.cxmyd.gateway.message.AcceptedMessage;
import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.Ticket;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AcceptLog} on a Redis Stream with a consumer group, for gateways that share a Redis: a query
 * is acknowledged once it is in the stream and pending for this instance; when the instance dies, another
 * takes its pending queries over ({@code XAUTOCLAIM}) and replies to them through its own binds.
 *
 * <ul>
 *   <li><b>Accept</b>: one script adds the entry ({@code XADD MAXLEN ~}) and reads it into this instance's
 *       pending list ({@code XREADGROUP >}) at once, atomically: every entry is read by the script that adds
 *       it, so {@code >} yields just that one. The PDU thread waits {@code commitTimeout} for it.</li>
 *   <li><b>Done</b>: {@code XACK} and {@code XDEL} when the reply ends, so the stream holds only the
 *       queries in progress (they hold numbers: nothing is kept longer than needed).</li>
 *   <li><b>Lease</b>: every {@link StreamJournalOptions#claimInterval()} this instance renews its own
 *       pending entries (an {@code XCLAIM} to itself resets their idle time), so a reply that waits long
 *       for a bind is not taken over from a live instance; and it claims, with {@code XAUTOCLAIM}, every
 *       entry idle longer than {@code claimMinIdle}: the queries of an instance that stopped renewing.</li>
 * </ul>
 */
public final class RedisStreamJournal implements AcceptLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisStreamJournal.class);
    private static final int CLAIM_BATCH = 100;
    private static final int RENEW_BATCH = 500;
    /** Tokens of refused queries whose entry may still have landed: bounded, far above a burst of refusals. */
    private static final int CANCELLED_KEPT = 10_000;

    /** KEYS[1] stream; ARGV group, id. */
    private static final String DONE = """
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            return redis.call('XDEL', KEYS[1], ARGV[2])
            """;
    /**
     * KEYS[1] stream; ARGV group, consumer, ids... Resets the idle time of each id still pending for the
     * consumer; returns the ids that no longer are (taken over, or lost with Redis).
     */
    private static final String RENEW = """
            local lost = {}
            for i = 3, #ARGV do
              local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
              if p[1] and p[1][2] == ARGV[2] then
                redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
              else
                lost[#lost + 1] = ARGV[i]
              end
            end
            return lost
            """;

    private final GatewayRedis redis;
    private final StreamJournalOptions options;
    private final StreamAppend append;
    private final JournalEvents events;
    private final AtomicLong sequence = new AtomicLong();
    /** Entry ids this instance is answering: renewed, and skipped when claimed. */
    private final Set<String> mine = ConcurrentHashMap.newKeySet();
    /** Entries answered whose XACK/XDEL failed: still in {@link #mine} (renewed), done again every round. */
    private final Set<String> finishing = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelled = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > CANCELLED_KEPT;
                }
            }));
    /** Claimed entries waiting for room in the reply queue. Claimer thread only. */
    private final ArrayDeque<Claimed> waiting = new ArrayDeque<>();
    private String cursor = "0-0";
    private Thread claimer;
    private volatile boolean closed;

    private record Claimed(String id, InboundMessage message) {
    }

    public RedisStreamJournal(GatewayRedis redis, StreamJournalOptions options, JournalEvents events) {
        this.redis = redis;
        this.options = options;
        this.events = events;
        this.append = new StreamAppend(redis, options);
    }

    /**
     * Starts renewing this instance's queries and taking over abandoned ones.
     *
     * @param process takes a query over (the query path's replay); false when there is no room for it now
     * @param tookOver called once per query taken over
     */
    public void start(Predicate<AcceptedMessage> process, Runnable tookOver) {
        claimer = new Thread(() -> claimLoop(process, tookOver), "journal-claimer");
        claimer.setDaemon(true);
        claimer.start();
        log.info("journal in the stream {} of {}, group {}, consumer {}; queries idle {} are taken over",
                STREAM, redis.where(), GROUP, options.instanceId(), options.claimMinIdle());
    }

    @Override
    public Result accept(InboundMessage message) {
        long start = System.nanoTime();
        RedisClusterAsyncCommands<String, String> c = redis.commands();
        if (c == null) {
            return refuse(message, "not connected");
        }
        long n = sequence.incrementAndGet();
        String token = options.instanceId() + ":" + n;
        String query = Base64.getEncoder().encodeToString(JournalCodec.encode(new JournalRecord.Accepted(n, message)));
        CompletableFuture<String> added;
        try {
            added = append.add(token, query);
        } catch (RuntimeException e) {
            return refuse(message, e.getClass().getSimpleName());
        }
        try {
            String id = added.get(options.commitTimeout().toNanos(), TimeUnit.NANOSECONDS);
            mine.add(id);
            events.committed(System.nanoTime() - start);
            return new Recorded(ticket(id));
        } catch (TimeoutException e) {
            cancel(token, added);
            return refuse(message, "no confirmation within " + options.commitTimeout());
        } catch (ExecutionException e) {
            cancel(token, added);
            return refuse(message, e.getCause() instanceof StreamAppend.TooFewReplicas few ? few.getMessage()
                    : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(token, added);
            return refuse(message, "interrupted");
        }
    }

    /**
     * A refused query whose entry may still land: removed if it does, and never answered by this instance
     * should it claim it (another instance may, after a crash of this one: a duplicate, never a loss).
     */
    private void cancel(String token, CompletableFuture<String> added) {
        cancelled.add(token);
        added.whenComplete((id, error) -> {
            if (id != null) {
                done(id);
            } else if (unwrap(error) instanceof StreamAppend.TooFewReplicas few) {
                done(few.id()); // in the stream, but not on the replicas asked for: refused, so removed
            }
        });
    }

    private Refused refuse(InboundMessage message, String why) {
        log.warn("[{}] {}: journal stream did not take a query ({}): refused", message.carrierId(), redis.where(), why);
        events.refused();
        return new Refused(Acceptance.JOURNAL_SLOW);
    }

    /** The ticket of stream entry {@code id}: ending it acknowledges and deletes the entry. */
    private Ticket ticket(String id) {
        return Ticket.once(() -> done(id));
    }

    /**
     * Not waited for. Should it fail (Redis unreachable, a failover under way), the entry stays this
     * instance's, renewed, and the claimer tries again every round: left unrenewed, it would be taken over
     * after the min-idle and answered twice (a failover of the stream's master made dozens of duplicates so).
     */
    private void done(String id) {
        mine.remove(id);
        RedisClusterAsyncCommands<String, String> c = redis.commands();
        if (c == null) {
            finishLater(id, "not connected");
            return;
        }
        try {
            c.eval(DONE, ScriptOutputType.INTEGER, new String[] {STREAM}, GROUP, id).whenComplete((n, error) -> {
                if (error != null) {
                    finishLater(id, error.toString());
                } else {
                    finishing.remove(id);
                }
            });
        } catch (RuntimeException e) {
            finishLater(id, e.toString());
        }
    }

    private void finishLater(String id, String why) {
        log.debug("{}: entry {} not marked done, trying again: {}", redis.where(), id, why);
        finishing.add(id);
        mine.add(id); // renewed meanwhile, so that no other instance takes it over and answers it again
    }

    /** The entries whose done failed, tried again: claimer thread. */
    private void retryDone() {
        for (String id : List.copyOf(finishing)) {
            if (finishing.remove(id)) {
                done(id);
            }
        }
    }

    /** Queries this instance is answering (accepted here, or taken over and not finished). */
    public int pending() {
        return Math.max(0, mine.size() - finishing.size());
    }

    private void claimLoop(Predicate<AcceptedMessage> process, Runnable tookOver) {
        long interval = options.claimInterval().toMillis();
        JournalConsumers consumers = JournalConsumers.of(options, backgroundWaitMillis());
        boolean tookBack = false;
        long rounds = 0;
        while (!closed) {
            try {
                // The first round at once: this instance's own pending entries come back without waiting.
                Thread.sleep(tookBack ? interval : 50);
            } catch (InterruptedException e) {
                return;
            }
            RedisClusterAsyncCommands<String, String> c = redis.commands();
            if (c == null) {
                continue;
            }
            try {
                if (!tookBack) {
                    int back = adopt(consumers.takeBack(c));
                    tookBack = true;
                    if (back > 0) {
                        log.info("{}: took back {} queries left pending under this instance's name by its earlier run",
                                redis.where(), back);
                    }
                }
                if (++rounds % 4 == 0) {
                    long removed = consumers.removeDead(c);
                    if (removed > 0) {
                        log.info("{}: removed {} consumers of stopped instances from the group {}", redis.where(),
                                removed, GROUP);
                    }
                }
                retryDone();
                sweepOrphans(consumers, c);
                renew(c);
                offerWaiting(process, tookOver);
                if (waiting.isEmpty()) {
                    claim(c);
                    offerWaiting(process, tookOver);
                }
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.warn("{}: journal stream renewal or take-over failed, trying again in {} ms: {}", redis.where(),
                        interval, e instanceof ExecutionException ? e.getCause().toString() : e.toString());
            }
        }
    }

    /** Deletes the entries pending here that no query in progress owns ({@link JournalConsumers#orphans}). */
    private void sweepOrphans(JournalConsumers consumers, RedisClusterAsyncCommands<String, String> c)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> orphans = consumers.orphans(c, mine::contains);
        orphans.forEach(this::done);
        if (!orphans.isEmpty()) {
            log.info("{}: removed {} entries pending here that no query in progress owns (refused, or finished "
                    + "before a failover)", redis.where(), orphans.size());
        }
    }

    private void renew(RedisClusterAsyncCommands<String, String> c)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> ids = new ArrayList<>(mine);
        for (int from = 0; from < ids.size(); from += RENEW_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + RENEW_BATCH));
            String[] args = new String[batch.size() + 2];
            args[0] = GROUP;
            args[1] = options.instanceId();
            for (int i = 0; i < batch.size(); i++) {
                args[i + 2] = batch.get(i);
            }
            List<Object> lost = c.<List<Object>>eval(RENEW, ScriptOutputType.MULTI, new String[] {STREAM}, args)
                    .get(backgroundWaitMillis(), TimeUnit.MILLISECONDS);
            // Gone meanwhile (done) is not lost: only those still ours in memory count.
            long taken = lost.stream().map(String::valueOf).filter(mine::remove).count();
            if (taken > 0) {
                log.warn("{}: {} queries in progress here were taken over by another instance (their replies may "
                        + "go out twice): this instance did not renew them within {}", redis.where(), taken,
                        options.claimMinIdle());
            }
        }
    }

    private void claim(RedisClusterAsyncCommands<String, String> c)
            throws InterruptedException, ExecutionException, TimeoutException {
        ClaimedMessages<String, String> claimed;
        try {
            claimed = c.xautoclaim(STREAM, XAutoClaimArgs.Builder.<String>xautoclaim(
                    Consumer.from(GROUP, options.instanceId()), options.claimMinIdle(), cursor).count(CLAIM_BATCH))
                    .get(backgroundWaitMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (String.valueOf(e.getCause().getMessage()).startsWith("NOGROUP")) {
                return; // nothing was ever accepted on this Redis (or it restarted empty): nothing to take over
            }
            throw e;
        }
        cursor = claimed.getId() == null ? "0-0" : claimed.getId();
        adopt(claimed.getMessages());
    }

    /** Queues claimed entries for an answer (not those in progress here, refused or too old); returns how many. */
    private int adopt(List<StreamMessage<String, String>> claimed) {
        Instant oldest = Instant.now().minus(options.validity());
        int expired = 0;
        int queued = waiting.size();
        for (StreamMessage<String, String> m : claimed) {
            String id = m.getId();
            if (mine.contains(id)) {
                continue; // ours, in progress: the claim only renewed it
            }
            Map<String, String> body = m.getBody();
            String token = body == null ? null : body.get("t");
            InboundMessage query = body == null ? null : decode(body.get("q"));
            if (query == null || token != null && cancelled.contains(token)) {
                done(id); // deleted meanwhile, unreadable, or a query this instance refused
                continue;
            }
            if (query.receivedAt().isBefore(oldest)) {
                expired++;
                done(id);
                continue;
            }
            mine.add(id);
            waiting.add(new Claimed(id, query));
        }
        if (!waiting.isEmpty() || expired > 0) {
            log.info("{}: took over {} queries left by a stopped instance; {} older than {} dropped", redis.where(),
                    waiting.size(), expired, options.validity());
        }
        return waiting.size() - queued;
    }

    private void offerWaiting(Predicate<AcceptedMessage> process, Runnable tookOver) {
        for (Claimed w; (w = waiting.peek()) != null; ) {
            if (!process.test(new AcceptedMessage(w.message(), ticket(w.id())))) {
                return; // no room now: offered again next round, still renewed meanwhile
            }
            waiting.poll();
            tookOver.run();
        }
    }

    private static InboundMessage decode(String query) {
        if (query == null) {
            return null;
        }
        try {
            List<JournalRecord> records = JournalCodec.scan(ByteBuffer.wrap(Base64.getDecoder().decode(query))).records();
            return records.size() == 1 && records.get(0) instanceof JournalRecord.Accepted a ? a.message() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** A background command's wait: lettuce's own timeout answers first; this only guards against a bug. */
    private long backgroundWaitMillis() {
        return options.commitTimeout().toMillis() * 2 + 1000;
    }

    /**
     * Stops renewing and claiming. Nothing is acknowledged: the queries still in progress stay pending for
     * this consumer and are taken over (by another instance, or this one started again) after the min-idle.
     */
    @Override
    public void close() {
        closed = true;
        Thread t = claimer;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
