package io.cxmyd.gateway.query;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.Reply;
import io.cxmyd.gateway.message.ReplyLinks;
import io.cxmyd.gateway.sms.EncodedSegment;
import io.cxmyd.gateway.sms.ReplyKind;
import io.cxmyd.gateway.sms.Segmenter;
import java.util.List;

/**
 * The last room: segments a reply's text by the carrier's concatenation, addresses it back to the sender from
 * the service number written to, and hands it to the carrier's link with the query's ticket. A query without a
 * reply ends its ticket here.
 */
final class ReplyDispatch {

    private final ReplyLinks links;

    ReplyDispatch(ReplyLinks links) {
        this.links = links;
    }

    /** Returns the number of parts handed over (0 when {@code text} is null: nothing to send). */
    int dispatch(AcceptedQuery q, CarrierProfile profile, ReplyKind kind, String text) {
        if (text == null) {
            q.ticket().end();
            return 0;
        }
        InboundMessage m = q.message();
        List<EncodedSegment> segments = Segmenter.encode(text, profile.concatenation(), profile.nextReference());
        List<OutboundPart> parts = EncodedSegment.toOutboundParts(segments, m.carrierId(), m.destination(), m.source());
        links.send(new Reply(m.carrierId(), parts, m.receivedAt(), kind.label(), q.ticket()));
        return parts.size();
    }
}
