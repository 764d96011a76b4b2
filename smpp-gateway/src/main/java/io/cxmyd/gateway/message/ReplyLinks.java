package io.cxmyd.gateway.message;

/**
 * The carriers' outgoing side as the query path sees it: where a finished reply is handed, per carrier
 * ({@link Reply#carrierId()}), whatever the link (deliver_sm on a bind into the gateway, submit_sm on a bind
 * out of it).
 */
public interface ReplyLinks {

    /** Whether the carrier's link can take one more reply now: checked before a query is accepted. */
    boolean hasRoom(String carrierId);

    /**
     * Takes the reply over. The link ends {@link Reply#ticket()} when the reply has ended for good (delivered,
     * rejected, expired, refused for want of room), and leaves it open when it drops the reply only because
     * the gateway stops.
     */
    void send(Reply reply);
}
