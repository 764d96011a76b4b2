package io.cxmyd.gateway.redis;

import io.cxmyd.gateway.web.WebStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The web channel's state in Redis: every instance on the same Redis shares codes, budgets and sessions, and
 * sessions survive a restart. Keys under {@code cxmyd:web:} are keyed hashes (no number in clear); each entry
 * expires with its validity (PEXPIREAT). Steps that read and write are Lua scripts, so they are atomic even
 * with several instances: a code can be consumed once, and every attempt is counted before it is compared.
 */
public final class RedisWebStore implements WebStore {

    private static final String PREFIX = "cxmyd:web:";

    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIREAT', KEYS[1], ARGV[1]) end
            return n""";

    private static final String PUT_CODE = """
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'h', ARGV[1], 'e', ARGV[2], 't', 0)
            redis.call('PEXPIREAT', KEYS[1], ARGV[2])
            return 1""";

    private static final String ATTEMPT = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
            local t = redis.call('HINCRBY', KEYS[1], 't', 1)
            return {redis.call('HGET', KEYS[1], 'h'), redis.call('HGET', KEYS[1], 'e'), tostring(t)}""";

    // Only reached with a code already proven equal in constant time by the caller: this compare is the
    // single-use guard between two instances, not the secret check.
    private static final String CONSUME = """
            if redis.call('HGET', KEYS[1], 'h') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    private final GatewayRedis redis;

    public RedisWebStore(GatewayRedis redis) {
        this.redis = redis;
    }

    private RedisClusterAsyncCommands<String, String> commands() {
        RedisClusterAsyncCommands<String, String> c = redis.commands();
        if (c == null) {
            throw new IllegalStateException(redis.where() + ": not connected");
        }
        return c;
    }

    private static <T> CompletableFuture<T> run(java.util.function.Supplier<CompletionStage<T>> call) {
        try {
            return call.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Long> count(String key, Instant expiresAt) {
        return run(() -> commands().<Long>eval(COUNT, ScriptOutputType.INTEGER, new String[] {PREFIX + key},
                Long.toString(expiresAt.toEpochMilli())));
    }

    @Override
    public CompletableFuture<Optional<Instant>> claim(String key, Instant expiresAt) {
        String k = PREFIX + key;
        String until = Long.toString(expiresAt.toEpochMilli());
        return run(() -> commands().set(k, until, SetArgs.Builder.nx().pxAt(expiresAt.toEpochMilli())))
                .thenCompose(ok -> "OK".equals(ok)
                        ? CompletableFuture.completedFuture(Optional.<Instant>empty())
                        : run(() -> commands().get(k)).thenApply(v -> Optional.of(v == null
                                ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(v)))));
    }

    @Override
    public CompletableFuture<Void> putCode(String key, StoredCode code) {
        return run(() -> commands().<Long>eval(PUT_CODE, ScriptOutputType.INTEGER, new String[] {PREFIX + key},
                HexFormat.of().formatHex(code.hmac()), Long.toString(code.expiresAt().toEpochMilli())))
                .thenApply(v -> null);
    }

    @Override
    public CompletableFuture<Optional<StoredCode>> attempt(String key) {
        return run(() -> commands().<List<Object>>eval(ATTEMPT, ScriptOutputType.MULTI, new String[] {PREFIX + key}))
                .thenApply(r -> {
                    if (r == null || r.size() < 3 || r.get(0) == null || r.get(1) == null) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredCode(HexFormat.of().parseHex((String) r.get(0)),
                            Instant.ofEpochMilli(Long.parseLong((String) r.get(1))), Integer.parseInt((String) r.get(2))));
                });
    }

    @Override
    public CompletableFuture<Boolean> consume(String key, byte[] hmac) {
        return run(() -> commands().<Long>eval(CONSUME, ScriptOutputType.INTEGER, new String[] {PREFIX + key},
                HexFormat.of().formatHex(hmac))).thenApply(n -> n != null && n > 0);
    }

    @Override
    public CompletableFuture<Void> putSession(String key, String msisdn, Instant expiresAt) {
        return run(() -> commands().set(PREFIX + key, msisdn, SetArgs.Builder.pxAt(expiresAt.toEpochMilli())))
                .thenApply(v -> null);
    }

    @Override
    public CompletableFuture<Optional<String>> session(String key) {
        return run(() -> commands().get(PREFIX + key)).thenApply(Optional::ofNullable);
    }

    @Override
    public CompletableFuture<Void> dropSession(String key) {
        return run(() -> commands().del(PREFIX + key)).thenApply(v -> null);
    }

    @Override
    public void close() {
        // The connection is the gateway's (GatewayRedis), closed with it.
    }
}
