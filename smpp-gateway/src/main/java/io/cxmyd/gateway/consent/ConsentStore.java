package io.cxmyd.gateway.consent;

import java.util.function.Function;

/**
 * Where consent states live between texts, keyed by a keyed hash of the number (never the number).
 * {@link #update} is atomic per key: two texts of one subscriber handled at once on two worker threads
 * see each other's step, never a lost update.
 */
public interface ConsentStore extends AutoCloseable {

    /**
     * Applies {@code step} to the state of {@code key} ({@code null} when none) and keeps what it returns
     * ({@link ConsentRules.Step#next()}, {@code null}: forget) until the rules say it no longer matters.
     */
    Decision update(long key, Function<ConsentState, ConsentRules.Step> step);

    @Override
    default void close() {
    }
}
