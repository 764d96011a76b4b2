package io.cxmyd.gateway.query;

import static io.cxmyd.gateway.query.PathFixtures.CM;
import static io.cxmyd.gateway.query.PathFixtures.SUBSCRIBER;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.Reply;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.sms.ReplyKind;
import io.cxmyd.itinerary.Msisdn;
import org.junit.jupiter.api.Test;

/** The last room: segments, addresses back, hands over with the ticket; no text ends the ticket. */
class ReplyDispatchTest {

    private final PathFixtures.RecordingLinks links = new PathFixtures.RecordingLinks();
    private final ReplyDispatch dispatch = new ReplyDispatch(links);
    private final CarrierProfile profile = PathFixtures.profiles().get(CM);
    private final PathFixtures.CountingTicket ticket = new PathFixtures.CountingTicket();

    private AcceptedQuery accepted(InboundMessage m) {
        return new AcceptedQuery(m, Msisdn.parse(SUBSCRIBER), "CXMYD", ticket, true);
    }

    @Test
    void aLongReplyGoesAsConcatenatedPartsInOneReplyWithTheQuerysTicket() {
        InboundMessage m = PathFixtures.query("CXMYD");

        int parts = dispatch.dispatch(accepted(m), profile, ReplyKind.FOUND, "行".repeat(150));

        assertThat(parts).isEqualTo(3);
        Reply reply = links.sent.get(0);
        assertThat(reply.parts()).hasSize(3).allSatisfy(p -> assertThat(p.esmClass()).isEqualTo((byte) 0x40));
        assertThat(reply.kind()).isEqualTo("found");
        assertThat(reply.receivedAt()).isEqualTo(m.receivedAt());
        assertThat(reply.ticket()).isSameAs(ticket);
        assertThat(ticket.ends).isZero();
    }

    @Test
    void theReplyComesFromTheNumberWrittenToAndGoesToTheSenderAsReceived() {
        SmppAddress international = new SmppAddress((byte) 1, (byte) 1, "8613800138000");
        SmppAddress serviceNumber = new SmppAddress((byte) 0, (byte) 1, "8610086");
        InboundMessage m = new InboundMessage(CM, international, serviceNumber, (byte) 0, (byte) 0,
                "CXMYD".getBytes(), false, PathFixtures.NOW);

        dispatch.dispatch(accepted(m), profile, ReplyKind.USAGE, "发送 CXMYD 查询");

        OutboundPart part = links.sent.get(0).parts().get(0);
        assertThat(part.source()).isEqualTo(serviceNumber);
        assertThat(part.destination()).isEqualTo(international);
        assertThat(part.carrierId()).isEqualTo(CM);
    }

    @Test
    void noTextMeansNoReplyAndTheQueryIsDone() {
        int parts = dispatch.dispatch(accepted(PathFixtures.query("CXMYD")), profile, null, null);

        assertThat(parts).isZero();
        assertThat(links.sent).isEmpty();
        assertThat(ticket.ends).isEqualTo(1);
    }
}
