package io.cxmyd.gateway.message;

/** How one deliver_sm attempt ended. */
public record DeliveryResult(Kind kind, SmppStatus status) {

    public enum Kind {
        /** deliver_sm_resp ESME_ROK. */
        DELIVERED,
        /** The carrier answered with an error status ({@link #status()}). */
        REJECTED,
        /** No deliver_sm_resp within the response timer. */
        TIMEOUT,
        /** No receiver or transceiver bind of that carrier is up. */
        NO_BIND,
        /** The bind broke while sending. */
        LINK_ERROR
    }

    public static final DeliveryResult DELIVERED = new DeliveryResult(Kind.DELIVERED, SmppStatus.ESME_ROK);
    public static final DeliveryResult TIMEOUT = new DeliveryResult(Kind.TIMEOUT, null);
    public static final DeliveryResult NO_BIND = new DeliveryResult(Kind.NO_BIND, null);
    public static final DeliveryResult LINK_ERROR = new DeliveryResult(Kind.LINK_ERROR, null);

    public static DeliveryResult rejected(SmppStatus status) {
        return new DeliveryResult(Kind.REJECTED, status);
    }

    /** Whether trying again later may succeed. */
    public boolean retryable() {
        return switch (kind) {
            case DELIVERED -> false;
            case REJECTED -> status.isTemporary();
            case TIMEOUT, NO_BIND, LINK_ERROR -> true;
        };
    }
}
