package io.cxmyd.gateway.bench;

import com.cloudhopper.smpp.pdu.BaseSm;
import io.cxmyd.gateway.BenchWiring;
import io.cxmyd.gateway.sms.Concatenation;
import io.cxmyd.gateway.sms.ReplyComposer;
import io.cxmyd.gateway.sms.ReplyContext;
import io.cxmyd.gateway.sms.Segmenter;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's per-query work that is not wire work, done by an echo ({@code NettyEcho --query-work CONFIG}) on
 * its I/O thread for every query, its result thrown away (the echo still sends its own fixed parts, so the wire
 * stays the same): the lookup through the gateway's own itinerary client and near cache (built from CONFIG as
 * {@code run} builds it), the reply's composition and UCS2 segmentation, and the query log line. Not the journal,
 * the outbox or the metrics of the SMPP side. What an event-loop transport of the gateway could reach at best,
 * before durable accept (docs/performance.md, eleventh run).
 */
final class QueryWork implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("cxmyd.query");

    private final BenchWiring.Lookup lookup;
    private final ItineraryClient client;
    private final Instant at;
    private final ReplyComposer composer = ReplyComposer.withDefaults();
    private final ReplyContext context = new ReplyContext("【中国移动】", "10086");

    private QueryWork(BenchWiring.Lookup lookup) {
        this.lookup = lookup;
        this.client = lookup.client();
        this.at = lookup.at();
    }

    /** Loads CONFIG's dataset: may take seconds. */
    static QueryWork from(Path config) {
        return new QueryWork(BenchWiring.lookup(config));
    }

    /** The work for {@code query}; returns the part count the gateway would have sent. */
    int on(BaseSm<?> query, int reference) {
        long start = System.nanoTime();
        Msisdn sender = Msisdn.parse(query.getSourceAddress().getAddress());
        LookupResult result = client.lookup(sender, at).join(); // a near-cache hit completes on this thread
        int parts = Segmenter.encode(composer.compose(result, context), Concatenation.UDH, reference).size();
        log.info("query carrier={} from={} outcome={} reply={} parts={} latency_us={}", "china-mobile",
                sender.masked(), "served", "found", parts, (System.nanoTime() - start) / 1000);
        return parts;
    }

    /** Closes the itinerary client and its metrics. */
    @Override
    public void close() {
        lookup.close();
    }
}
