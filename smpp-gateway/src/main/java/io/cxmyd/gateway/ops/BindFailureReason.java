package io.cxmyd.gateway.ops;

/** Why a bind was refused, as counted by {@code cxmyd_bind_failures_total{reason}}. */
public enum BindFailureReason {
    /** Known system_id, wrong password: ESME_RINVPASWD. */
    BAD_PASSWORD("bad_password"),
    /** A system_id no carrier is configured with: ESME_RINVSYSID. */
    UNKNOWN_SYSTEM_ID("unknown_system_id"),
    /** The peer's address is not allowed for that carrier. */
    ADDRESS_REFUSED("address_refused"),
    /** Too many recent failures from that peer: refused without checking the password. */
    LOCKED_OUT("locked_out"),
    /** The carrier already has as many binds as it may. */
    LIMIT("limit"),
    /**
     * A reason word this version does not know. Counted rather than dropped, and kept to one label value so
     * that a caller's typo cannot grow the number of series.
     */
    OTHER("other");

    private final String label;

    BindFailureReason(String label) {
        this.label = label;
    }

    /** The label value in the scrape. */
    public String label() {
        return label;
    }

    /** The reason named by {@code label} (as {@code BindListener.bindRefused} passes it), else {@link #OTHER}. */
    public static BindFailureReason fromLabel(String label) {
        for (BindFailureReason reason : values()) {
            if (reason.label.equals(label)) {
                return reason;
            }
        }
        return OTHER;
    }
}
