package io.cxmyd.gateway.redis;

import io.cxmyd.gateway.binds.BindBudget;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carriers' session budgets shared by every instance on one Redis or Redis Cluster ({@link BindBudget}).
 * Per carrier two sorted sets, scored by expiry, under one hash tag so that one script touches both on a
 * cluster: {@code cxmyd:v1:binds:{<carrier>}} (the leases, {@code <instance>#<n>}) and
 * {@code cxmyd:v1:binds:{<carrier>}:instances} (the instances that asked lately). Expiry runs on Redis'
 * clock ({@code TIME} in the scripts), so the instances' clocks never have to agree.
 *
 * <p>Redis down or slow: {@link #acquire} gives nothing and {@link #renew} says {@link Renewal#LOST}: a
 * session is only kept while its lease can be proved, since another instance may take it once it expires.
 */
public final class RedisBindBudget implements BindBudget {

    private static final Logger log = LoggerFactory.getLogger(RedisBindBudget.class);
    static final String PREFIX = "cxmyd:v1:binds:";

    /** Shared head of the scripts: now (ms, Redis' clock), expired leases and instances dropped. */
    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            local function held(instance)
              local n = 0
              for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
                if string.sub(m, 1, #instance + 1) == instance .. '#' then
                  n = n + 1
                end
              end
              return n
            end
            """;
    /** KEYS leases, instances; ARGV budget, instance, lease id, ttl ms. Returns 1 when the lease is granted. */
    private static final String ACQUIRE = NOW + """
            local budget = tonumber(ARGV[1])
            redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[2])
            if redis.call('ZCARD', KEYS[1]) >= budget then
              return 0
            end
            if held(ARGV[2]) >= math.ceil(budget / redis.call('ZCARD', KEYS[2])) then
              return 0
            end
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3])
            return 1
            """;
    /**
     * KEYS leases, instances; ARGV budget, instance, lease id, ttl ms. Returns 0 lost, 1 held, 2 surplus (the
     * budget is full, this instance holds more than the budget over the instances, another holds less).
     */
    private static final String RENEW = NOW + """
            local budget = tonumber(ARGV[1])
            redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[2])
            if not redis.call('ZSCORE', KEYS[1], ARGV[3]) then
              return 0
            end
            redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3])
            local share = math.floor(budget / redis.call('ZCARD', KEYS[2]))
            if redis.call('ZCARD', KEYS[1]) >= budget and held(ARGV[2]) > share then
              for _, other in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
                if other ~= ARGV[2] and held(other) < share then
                  return 2
                end
              end
            end
            return 1
            """;

    private final GatewayRedis redis;
    private final Map<String, Integer> budgets;
    private final String instance;
    private final Duration ttl;
    private final long waitMillis;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * @param budgets sessions allowed per carrier id, across every instance
     * @param instance this instance's name (unique among live instances, e.g. {@code journal.instanceId})
     * @param ttl how long a lease lives unrenewed: a dead instance's sessions go to others after this
     * @param commandTimeout the connection's command timeout
     */
    public RedisBindBudget(GatewayRedis redis, Map<String, Integer> budgets, String instance, Duration ttl,
            Duration commandTimeout) {
        if (!instance.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("instance: 1 to 64 of A-Z a-z 0-9 . _ : -, was \"" + instance + "\"");
        }
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ttl: at least 1 s, was " + ttl);
        }
        this.redis = redis;
        this.budgets = Map.copyOf(budgets);
        this.instance = instance;
        this.ttl = ttl;
        this.waitMillis = commandTimeout.toMillis() + 100;
    }

    @Override
    public Optional<Lease> acquire(String carrierId) {
        int budget = budgets.getOrDefault(carrierId, 0);
        if (budget < 1) {
            return Optional.empty();
        }
        Lease lease = new Lease(carrierId, instance + "#" + sequence.incrementAndGet());
        Long granted = run(ACQUIRE, lease, budget);
        return granted != null && granted == 1L ? Optional.of(lease) : Optional.empty();
    }

    @Override
    public Renewal renew(Lease lease) {
        Long r = run(RENEW, lease, budgets.getOrDefault(lease.carrierId(), 0));
        if (r == null || r == 0L) {
            return Renewal.LOST;
        }
        return r == 2L ? Renewal.SURPLUS : Renewal.HELD;
    }

    @Override
    public void release(Lease lease) {
        RedisClusterAsyncCommands<String, String> c = redis.commands();
        if (c != null) {
            c.zrem(leasesKey(lease.carrierId()), lease.id());
        }
    }

    @Override
    public Duration renewEvery() {
        return ttl.dividedBy(3);
    }

    /** The script's answer, or null when Redis could not give one in time. */
    private Long run(String script, Lease lease, int budget) {
        RedisClusterAsyncCommands<String, String> c = redis.commands();
        if (c == null) {
            return null;
        }
        try {
            return c.<Long>eval(script, ScriptOutputType.INTEGER,
                    new String[] {leasesKey(lease.carrierId()), instancesKey(lease.carrierId())},
                    Integer.toString(budget), instance, lease.id(), Long.toString(ttl.toMillis()))
                    .get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            log.warn("[{}] {}: session budget not reached: {}", lease.carrierId(), redis.where(), e.toString());
            return null;
        }
    }

    static String leasesKey(String carrierId) {
        return PREFIX + "{" + carrierId + "}";
    }

    static String instancesKey(String carrierId) {
        return PREFIX + "{" + carrierId + "}:instances";
    }
}
