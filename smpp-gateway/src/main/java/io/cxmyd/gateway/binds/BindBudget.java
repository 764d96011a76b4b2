package io.cxmyd.gateway.binds;

import java.time.Duration;
import java.util.Optional;

/**
 * A carrier's session budget shared by every gateway instance (issue 15 item 4): in ESME mode an SMSC
 * allows a carrier account only so many sessions, and N instances must not open N times that. An ESME link
 * asks for a {@link Lease} before it binds, renews it while bound (at least every {@link #renewEvery()}) and
 * releases it when it unbinds.
 *
 * <ul>
 *   <li>{@link #acquire}: a lease when the carrier's budget has room and this instance holds less than its
 *       fair share (the budget divided by the instances that asked lately, rounded up); empty otherwise:
 *       try again at the next renewal round.</li>
 *   <li>{@link #renew}: {@link Renewal#HELD}; {@link Renewal#SURPLUS} when the budget is full, this instance
 *       holds more than its share and another holds less (release one lease when convenient: it then goes
 *       to the instance short of sessions); {@link Renewal#LOST} when the lease expired or the budget
 *       cannot be reached (unbind that session now: another instance may hold it already).</li>
 *   <li>A dead instance stops renewing: its leases expire after the lease time-to-live and the other
 *       instances' next {@link #acquire} takes them.</li>
 * </ul>
 */
public interface BindBudget extends AutoCloseable {

    /** One session of {@code carrierId}, held by this instance until it expires or is released. */
    record Lease(String carrierId, String id) {
    }

    enum Renewal {
        HELD,
        SURPLUS,
        LOST
    }

    Optional<Lease> acquire(String carrierId);

    Renewal renew(Lease lease);

    void release(Lease lease);

    /** How often a holder must renew: a third of the lease's time-to-live. */
    Duration renewEvery();

    @Override
    default void close() {
    }
}
