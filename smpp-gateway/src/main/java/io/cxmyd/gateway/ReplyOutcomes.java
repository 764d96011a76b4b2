package io.cxmyd.gateway;

import io.cxmyd.gateway.delivery.DeliveryListener;
import io.cxmyd.gateway.delivery.Reply;
import io.cxmyd.gateway.journal.AcceptLog;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.ops.ReplyResult;
import io.cxmyd.gateway.smpp.DeliveryResult;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every reply ends, told to the metrics and to the journal: a reply that ended (delivered, rejected,
 * expired) is marked done; one dropped only because the gateway stops stays in the journal for the next start.
 */
final class ReplyOutcomes implements DeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(ReplyOutcomes.class);

    private final GatewayMetrics metrics;
    private final Supplier<AcceptLog> acceptLog;

    ReplyOutcomes(GatewayMetrics metrics, Supplier<AcceptLog> acceptLog) {
        this.metrics = metrics;
        this.acceptLog = acceptLog;
    }

    @Override
    public void delivered(Reply reply, Duration endToEnd) {
        metrics.reply(reply.carrierId(), ReplyResult.DELIVERED);
        metrics.parts(reply.carrierId(), reply.parts().size());
        metrics.endToEnd(reply.carrierId(), endToEnd);
        acceptLog.get().replyEnded(reply);
    }

    @Override
    public void retried(Reply reply, DeliveryResult result) {
        metrics.reply(reply.carrierId(), ReplyResult.RETRIED);
    }

    @Override
    public void expired(Reply reply, String why) {
        log.warn("[{}] reply {} expired undelivered: {}", reply.carrierId(), reply.kind(), why);
        metrics.reply(reply.carrierId(), ReplyResult.EXPIRED);
        if (!"shutdown".equals(why)) {
            // Dropped only because we stop: the journal keeps it for the next start.
            acceptLog.get().replyEnded(reply);
        }
    }

    @Override
    public void rejected(Reply reply, DeliveryResult result) {
        log.warn("[{}] reply {} rejected by the carrier with {}", reply.carrierId(), reply.kind(), result.status());
        metrics.reply(reply.carrierId(), ReplyResult.REJECTED);
        acceptLog.get().replyEnded(reply);
    }
}
