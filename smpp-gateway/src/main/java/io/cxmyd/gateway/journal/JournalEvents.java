package io.cxmyd.gateway.journal;

/** What recording queries reports, for metrics: the same for the local journal and the Redis stream. */
public interface JournalEvents {

    /** A query was recorded; the I/O thread waited {@code nanos} for it. */
    default void committed(long nanos) {
    }

    /** A query could not be recorded in time or at all and was refused. */
    default void refused() {
    }

    JournalEvents NONE = new JournalEvents() {
    };
}
