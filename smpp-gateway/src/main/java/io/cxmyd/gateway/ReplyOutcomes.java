package io.cxmyd.gateway;

import io.cxmyd.gateway.delivery.DeliveryListener;
import io.cxmyd.gateway.delivery.Expiry;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.Reply;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.ops.ReplyResult;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every reply ends, told to the metrics and to the reply's ticket: a reply that ended (delivered,
 * rejected, expired) ends its query's journal entry; one dropped only because the gateway stops keeps it for
 * the next start.
 */
final class ReplyOutcomes implements DeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(ReplyOutcomes.class);

    private final GatewayMetrics metrics;

    ReplyOutcomes(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void delivered(Reply reply, Duration endToEnd) {
        metrics.reply(reply.carrierId(), ReplyResult.DELIVERED);
        metrics.parts(reply.carrierId(), reply.parts().size());
        metrics.endToEnd(reply.carrierId(), endToEnd);
        reply.ticket().end();
    }

    @Override
    public void retried(Reply reply, DeliveryResult result) {
        metrics.reply(reply.carrierId(), ReplyResult.RETRIED);
    }

    @Override
    public void expired(Reply reply, Expiry why) {
        log.warn("[{}] reply {} expired undelivered: {}", reply.carrierId(), reply.kind(), why.label());
        metrics.reply(reply.carrierId(), ReplyResult.EXPIRED);
        if (why.endsQuery()) {
            reply.ticket().end();
        }
    }

    @Override
    public void rejected(Reply reply, DeliveryResult result) {
        log.warn("[{}] reply {} rejected by the carrier with {}", reply.carrierId(), reply.kind(), result.status());
        metrics.reply(reply.carrierId(), ReplyResult.REJECTED);
        reply.ticket().end();
    }
}
