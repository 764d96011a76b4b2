package io.cxmyd.gateway.delivery;

import io.cxmyd.gateway.sms.Concatenation;
import io.cxmyd.gateway.sms.EncodedSegment;
import io.cxmyd.gateway.sms.Segmenter;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.Reply;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.itinerary.Msisdn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Send this notice SMS to this subscriber on this carrier, ahead of the replies": the one way into the
 * outbox that is not the answer to a query (today the web channel's verification codes). A notice travels
 * like a reply (same carrier link, same encoding, retries, validity, {@code cxmyd_replies_total}) and leaves
 * one line on logger {@code cxmyd.notice}, like a query's line on {@code cxmyd.query}: masked number, never the
 * text. It is not written to the query journal: it answers no query, and its text (a code) must not be on disk.
 */
public final class Notices {

    private static final Logger log = LoggerFactory.getLogger("cxmyd.notice");

    private final Outbox outbox;
    private final Map<String, Concatenation> concatenation;
    private final AtomicInteger reference = new AtomicInteger();

    /** @param concatenation each carrier's way of joining parts (its config's {@code concatenation}) */
    public Notices(Outbox outbox, Map<String, Concatenation> concatenation) {
        this.outbox = outbox;
        this.concatenation = Map.copyOf(concatenation);
    }

    /**
     * Queues {@code text} from service number {@code from} to {@code to} on {@code carrierId}'s link, first
     * in its queue. {@code kind} names the notice in logs and metrics ({@code web_code}). Returns false when
     * the carrier's queue is full (the notice then ends as expired, like a reply).
     */
    public boolean send(String carrierId, String from, Msisdn to, String text, String kind) {
        Concatenation mode = concatenation.get(carrierId);
        if (mode == null) {
            throw new IllegalArgumentException("no carrier " + carrierId);
        }
        List<EncodedSegment> segments = Segmenter.encode(text, mode, reference.incrementAndGet() & 0xFF);
        List<OutboundPart> parts = EncodedSegment.toOutboundParts(segments, carrierId, SmppAddress.of(from),
                SmppAddress.of(to.digits()));
        boolean queued = outbox.submitFirst(new Reply(carrierId, parts, Instant.now(), kind));
        log.info("notice carrier={} to={} kind={} parts={} queued={}", carrierId, to.masked(), kind, parts.size(), queued);
        return queued;
    }
}
