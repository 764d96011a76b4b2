package io.cxmyd.gateway.consent;

import io.cxmyd.gateway.sms.Command;
import java.time.Clock;
import java.util.Objects;

/**
 * The consent step of the query path: {@link ConsentRules} over a {@link ConsentStore}, on the real clock
 * (never the config's pinned rules clock: a prompt's window is real minutes). Thread-safe.
 */
public final class ConsentGate implements AutoCloseable {

    private final ConsentRules rules;
    private final ConsentStore store;
    private final Clock clock;

    public ConsentGate(ConsentRules rules, ConsentStore store, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An in-process gate. */
    public static ConsentGate inProcess(ConsentOptions options, Clock clock) {
        ConsentRules rules = new ConsentRules(options);
        return new ConsentGate(rules, new InProcessConsentStore(rules, clock), clock);
    }

    public ConsentOptions options() {
        return rules.options();
    }

    /** What to do with {@code command} from the subscriber of {@code key} on a carrier with {@code mode}. */
    public Decision onText(long key, Verification mode, Command command) {
        return store.update(key, s -> rules.onText(s, mode, command, clock.instant()));
    }

    /** What to do once the registry answered a {@link Decision.Check} for the subscriber of {@code key}. */
    public Decision onCheck(long key, boolean match) {
        return store.update(key, s -> rules.onCheck(s, match, clock.instant()));
    }

    @Override
    public void close() {
        store.close();
    }
}
