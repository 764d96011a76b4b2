package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.delivery.Expiry;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.Reply;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.SmppStatus;
import io.cxmyd.gateway.message.Ticket;
import io.cxmyd.gateway.ops.GatewayMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a reply's end reaches its query's journal entry: every end but a stop ends the ticket, once. */
class ReplyOutcomesTest {

    private final GatewayMetrics metrics = new GatewayMetrics(List.of("cm"));
    private final ReplyOutcomes outcomes = new ReplyOutcomes(metrics);
    private final AtomicInteger ends = new AtomicInteger();

    @AfterEach
    void close() {
        metrics.close();
    }

    private Reply reply() {
        OutboundPart part = new OutboundPart("cm", SmppAddress.of("10086"), SmppAddress.of("13800138000"), (byte) 0,
                (byte) 8, new byte[] {0, 0x41}, null, null);
        return new Reply("cm", List.of(part), Instant.parse("2026-11-21T01:30:00Z"), "found",
                Ticket.once(ends::incrementAndGet));
    }

    @Test
    void aDeliveredReplyEndsItsQueryOnceWhateverComesAfter() {
        Reply r = reply();

        outcomes.delivered(r, Duration.ofMillis(80));
        outcomes.expired(r, Expiry.VALIDITY);

        assertThat(ends).hasValue(1);
    }

    @Test
    void aRetryDoesNotEndTheQuery() {
        outcomes.retried(reply(), DeliveryResult.TIMEOUT);

        assertThat(ends).hasValue(0);
    }

    @Test
    void rejectedAndExpiredRepliesEndTheirQueries() {
        outcomes.rejected(reply(), DeliveryResult.rejected(SmppStatus.ESME_RINVDSTADR));
        for (Expiry why : List.of(Expiry.VALIDITY, Expiry.NO_BIND, Expiry.QUEUE_FULL, Expiry.ERROR)) {
            outcomes.expired(reply(), why);
        }

        assertThat(ends).hasValue(5);
    }

    @Test
    void aReplyDroppedBecauseTheGatewayStopsKeepsItsQueryForTheNextStart() {
        outcomes.expired(reply(), Expiry.SHUTDOWN);

        assertThat(ends).hasValue(0);
    }
}
