package io.cxmyd.gateway.message;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handle of one durably accepted query: its journal entry (a local journal id, a Redis stream entry).
 * Whoever finishes the query ends it, once: a settled query without a reply, or a reply that ended for good
 * (delivered, rejected, expired). A query dropped only because the gateway stops is not ended: its entry
 * stays, and the next start answers it again.
 */
@FunctionalInterface
public interface Ticket {

    /** The query is finished for good. Only the first call counts; later ones do nothing. */
    void end();

    /** No journal stands behind the query ({@code journal.enabled: false}, tests). */
    Ticket NONE = () -> {
    };

    /** A ticket that runs {@code onEnd} on its first {@link #end()} and never again. */
    static Ticket once(Runnable onEnd) {
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                onEnd.run();
            }
        };
    }
}
