package io.cxmyd.gateway.redis;

import static io.cxmyd.gateway.redis.StreamJournalOptions.GROUP;
import static io.cxmyd.gateway.redis.StreamJournalOptions.STREAM;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongPredicate;

/**
 * The consumers of the {@code cxmyd-gateways} group, kept tidy (issue 15 item 5):
 * <ul>
 *   <li>at start, an instance takes back at once the entries still pending for its own name (a restart
 *       with a stable {@code journal.instanceId}), and those of dead instances of the same host under the
 *       default {@code <host>-<pid>} name (their pid no longer runs): without this they waited
 *       {@code claimMinIdle};</li>
 *   <li>now and then, consumers with nothing pending that have not read, claimed or renewed for twice the
 *       min-idle are removed: a live instance renews every quarter of it, so only dead ones qualify; their
 *       entries, if any, were taken over first (XAUTOCLAIM), since only empty consumers are removed;</li>
 *   <li>every round, the entries of its own pending list that no query in progress owns ({@link #orphans}).</li>
 * </ul>
 */
final class JournalConsumers {

    private static final int TAKE_BACK_BATCH = 1000;

    /**
     * KEYS[1] stream; ARGV group, self, idle ms. Removes, atomically with the check, every other consumer
     * with nothing pending and idle longer than ARGV[3]; returns how many.
     */
    private static final String REMOVE_DEAD = """
            local consumers = redis.pcall('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])
            if type(consumers) ~= 'table' or consumers.err then
              return 0
            end
            local removed = 0
            for _, c in ipairs(consumers) do
              local f = {}
              for i = 1, #c, 2 do
                f[c[i]] = c[i + 1]
              end
              if f['name'] ~= ARGV[2] and f['pending'] == 0 and f['idle'] > tonumber(ARGV[3]) then
                redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], f['name'])
                removed = removed + 1
              end
            end
            return removed
            """;

    private final String self;
    private final Duration minIdle;
    private final long waitMillis;
    private final LongPredicate pidAlive;
    private final long settledMillis;

    /**
     * @param pidAlive whether a process of this host runs under that pid ({@code ProcessHandle.of(pid)})
     */
    JournalConsumers(String self, Duration minIdle, long waitMillis, LongPredicate pidAlive, Duration commitTimeout) {
        this.self = self;
        this.settledMillis = commitTimeout.toMillis() + 1000;
        this.minIdle = minIdle;
        this.waitMillis = waitMillis;
        this.pidAlive = pidAlive;
    }

    static JournalConsumers of(StreamJournalOptions options, long waitMillis) {
        return new JournalConsumers(options.instanceId(), options.claimMinIdle(), waitMillis,
                pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), options.commitTimeout());
    }

    /**
     * Names whose entries this instance may take at once: its own, and the dead {@code <host>-<pid>} ones of
     * this host when its own name has that form. Pure, for tests.
     */
    List<String> ownedBy(List<String> consumers) {
        List<String> out = new ArrayList<>();
        int dash = self.lastIndexOf('-');
        String host = dash > 0 && self.substring(dash + 1).matches("\\d{1,10}") ? self.substring(0, dash + 1) : null;
        for (String name : consumers) {
            if (name.equals(self)) {
                out.add(name);
            } else if (host != null && name.startsWith(host) && name.substring(host.length()).matches("\\d{1,10}")
                    && !pidAlive.test(Long.parseLong(name.substring(host.length())))) {
                out.add(name);
            }
        }
        return out;
    }

    /** The entries pending for this instance's own names, claimed to itself now (min-idle 0). */
    List<StreamMessage<String, String>> takeBack(RedisClusterAsyncCommands<String, String> c)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> names;
        try {
            names = ownedBy(c.xinfoConsumers(STREAM, GROUP).get(waitMillis, TimeUnit.MILLISECONDS).stream()
                    .map(JournalConsumers::name).toList());
        } catch (ExecutionException e) {
            if (String.valueOf(e.getCause().getMessage()).startsWith("NOGROUP")
                    || String.valueOf(e.getCause().getMessage()).startsWith("ERR no such key")) {
                return List.of(); // nothing was ever accepted here
            }
            throw e;
        }
        List<StreamMessage<String, String>> out = new ArrayList<>();
        for (String name : names) {
            List<PendingMessage> pending = c.xpending(STREAM, Consumer.from(GROUP, name), Range.create("-", "+"),
                    Limit.from(TAKE_BACK_BATCH)).get(waitMillis, TimeUnit.MILLISECONDS);
            if (pending.isEmpty()) {
                continue;
            }
            String[] ids = pending.stream().map(PendingMessage::getId).toArray(String[]::new);
            out.addAll(c.xclaim(STREAM, Consumer.from(GROUP, self), 0, ids).get(waitMillis, TimeUnit.MILLISECONDS));
        }
        return out;
    }

    /**
     * The entries pending for this instance that it is not answering ({@code inProgress} false): queries it
     * refused whose entry landed anyway (the answer was lost, or came after the commit timeout), and queries it
     * finished whose XACK/XDEL a failover lost (acknowledged by the old master, never replicated: the promoted
     * replica has them pending again). Left there, another instance would take them over after the min-idle
     * and answer them a second time. Only entries idle longer than the commit timeout + 1 s, so that an
     * accept still under way is never among them.
     */
    List<String> orphans(RedisClusterAsyncCommands<String, String> c, java.util.function.Predicate<String> inProgress)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<PendingMessage> pending;
        try {
            pending = c.xpending(STREAM, Consumer.from(GROUP, self), Range.create("-", "+"), Limit.from(TAKE_BACK_BATCH))
                    .get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (String.valueOf(e.getCause().getMessage()).startsWith("NOGROUP")) {
                return List.of();
            }
            throw e;
        }
        return pending.stream()
                .filter(p -> !inProgress.test(p.getId()) && p.getMsSinceLastDelivery() > settledMillis)
                .map(PendingMessage::getId)
                .toList();
    }

    /** Removes consumers that are dead and empty; returns how many. */
    long removeDead(RedisClusterAsyncCommands<String, String> c)
            throws InterruptedException, ExecutionException, TimeoutException {
        Long n = c.<Long>eval(REMOVE_DEAD, ScriptOutputType.INTEGER, new String[] {STREAM}, GROUP, self,
                Long.toString(minIdle.multipliedBy(2).toMillis())).get(waitMillis, TimeUnit.MILLISECONDS);
        return n == null ? 0 : n;
    }

    private static String name(Object consumer) {
        if (consumer instanceof List<?> fields) {
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if ("name".equals(String.valueOf(fields.get(i)))) {
                    return String.valueOf(fields.get(i + 1));
                }
            }
        } else if (consumer instanceof java.util.Map<?, ?> map) {
            return String.valueOf(map.get("name"));
        }
        return "";
    }
}
