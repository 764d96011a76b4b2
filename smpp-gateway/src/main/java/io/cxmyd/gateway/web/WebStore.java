package io.cxmyd.gateway.web;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the web channel keeps its state: budgets, verification codes (as HMACs only) and sessions. In process
 * ({@link InProcessWebStore}) or in Redis ({@code io.cxmyd.gateway.redis.RedisWebStore}) so that several
 * instances share it and sessions survive a restart. Keys are already keyed hashes: no number in clear.
 * Every operation is atomic on its key; futures complete exceptionally when the store cannot answer.
 */
public interface WebStore extends AutoCloseable {

    /** Adds one to the counter {@code key}, which lives until {@code expiresAt}; returns the new count. */
    CompletableFuture<Long> count(String key, Instant expiresAt);

    /**
     * Takes {@code key} until {@code expiresAt} unless someone holds it: empty when taken now, else the
     * instant the current holder's claim ends.
     */
    CompletableFuture<Optional<Instant>> claim(String key, Instant expiresAt);

    /** Stores a new code for {@code key}, replacing any earlier one (and its count of tries). */
    CompletableFuture<Void> putCode(String key, StoredCode code);

    /**
     * One verification attempt: counts it against the stored code and returns the code with the tries so far
     * (this one included), or empty when there is none.
     */
    CompletableFuture<Optional<StoredCode>> attempt(String key);

    /** Removes the code when it is still {@code hmac}; true only for the one call that removed it. */
    CompletableFuture<Boolean> consume(String key, byte[] hmac);

    CompletableFuture<Void> putSession(String key, String msisdn, Instant expiresAt);

    CompletableFuture<Optional<String>> session(String key);

    CompletableFuture<Void> dropSession(String key);

    @Override
    void close();

    /**
     * A code as stored: never the digits.
     *
     * @param hmac the keyed hash of the number and the code
     * @param expiresAt the end of its validity
     * @param tries verification attempts made so far
     */
    record StoredCode(byte[] hmac, Instant expiresAt, int tries) {

        public StoredCode withTries(int n) {
            return new StoredCode(hmac, expiresAt, n);
        }
    }
}
