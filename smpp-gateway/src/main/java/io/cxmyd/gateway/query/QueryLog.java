package io.cxmyd.gateway.query;

import io.cxmyd.gateway.ops.QueryOutcome;
import io.cxmyd.gateway.sms.ReplyKind;
import io.cxmyd.itinerary.Msisdn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per query, in a fixed key=value form that log tools can parse:
 * {@code query carrier=china-mobile from=138****8000 outcome=served reply=found parts=2 latency_us=850}.
 * The number is masked; the itinerary text never appears. Logger name {@code cxmyd.query}, so operators can
 * route or silence it on its own.
 */
final class QueryLog {

    private static final Logger log = LoggerFactory.getLogger("cxmyd.query");

    private QueryLog() {
    }

    static void line(String carrier, Msisdn sender, QueryOutcome outcome, ReplyKind reply, int parts, long micros) {
        if (log.isInfoEnabled()) {
            log.info("query carrier={} from={} outcome={} reply={} parts={} latency_us={}",
                    carrier, sender.masked(), outcome.label(), reply == null ? "none" : reply.label(), parts, micros);
        }
    }
}
