package io.cxmyd.gateway.ops;

import java.util.List;

/**
 * Every metric the gateway itself defines, in one place: the name given to Micrometer, the name the Prometheus
 * scrape shows (the contract's names, gateway-contract.md "Observability"), the labels and the description.
 * Timers are in seconds; Micrometer adds {@code _seconds}, counters get {@code _total} from the Prometheus
 * writer. The JVM and process meters (jvm_*, process_*, system_*) come from Micrometer's binders and are not
 * listed here.
 *
 * <p>Label values are few and fixed: carrier ids from the configuration and the words of the enums in this
 * package, never a phone number, a message id or any other number.
 */
public final class MetricNames {

    public static final String TAG_CARRIER = "carrier";
    public static final String TAG_TYPE = "type";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_RESULT = "result";
    public static final String TAG_TIER = "tier";
    public static final String TAG_KIND = "kind";
    public static final String TAG_REASON = "reason";
    public static final String TAG_STATE = "state";

    public static final MetricName BINDS = new MetricName(
            "cxmyd.binds", "cxmyd_binds", MetricType.GAUGE, List.of(TAG_CARRIER, TAG_TYPE),
            "Open SMPP binds per carrier and bind type (transmitter, receiver, transceiver)");

    public static final MetricName QUERIES = new MetricName(
            "cxmyd.queries", "cxmyd_queries_total", MetricType.COUNTER, List.of(TAG_CARRIER, TAG_OUTCOME),
            "Subscriber messages received, by how they ended");

    public static final MetricName REPLIES = new MetricName(
            "cxmyd.replies", "cxmyd_replies_total", MetricType.COUNTER, List.of(TAG_CARRIER, TAG_RESULT),
            "Reply delivery attempts, by result: delivered, retried, expired or rejected");

    public static final MetricName REPLY_PARTS = new MetricName(
            "cxmyd.reply.parts", "cxmyd_reply_parts_total", MetricType.COUNTER, List.of(TAG_CARRIER),
            "SMS parts (deliver_sm) of replies acknowledged by the carrier");

    public static final MetricName END_TO_END = new MetricName(
            "cxmyd.end.to.end", "cxmyd_end_to_end_seconds", MetricType.TIMER, List.of(TAG_CARRIER),
            "Time from a query's arrival to the carrier's acknowledgement of the reply's last part");

    public static final MetricName REPLY_QUEUE_DEPTH = new MetricName(
            "cxmyd.reply.queue.depth", "cxmyd_reply_queue_depth", MetricType.GAUGE, List.of(TAG_CARRIER),
            "Replies waiting to be delivered (including those waiting for a retry)");

    public static final MetricName REPLY_QUEUE_OLDEST = new MetricName(
            "cxmyd.reply.queue.oldest", "cxmyd_reply_queue_oldest_seconds", MetricType.GAUGE, List.of(TAG_CARRIER),
            "Age of the oldest reply waiting to be delivered, in seconds (0 when none waits)");

    public static final MetricName BIND_FAILURES = new MetricName(
            "cxmyd.bind.failures", "cxmyd_bind_failures_total", MetricType.COUNTER, List.of(TAG_REASON),
            "Refused bind attempts, by reason");

    public static final MetricName LOOKUP = new MetricName(
            "cxmyd.lookup", "cxmyd_lookup_seconds", MetricType.TIMER, List.of(TAG_TIER),
            "Itinerary lookup latency, by the tier that answered (near, redis, source)");

    public static final MetricName CACHE_REQUESTS = new MetricName(
            "cxmyd.cache.requests", "cxmyd_cache_requests_total", MetricType.COUNTER, List.of(TAG_TIER, TAG_RESULT),
            "Requests to each lookup tier, by result (hit or miss)");

    public static final MetricName REDIS_UP = new MetricName(
            "cxmyd.redis.up", "cxmyd_redis_up", MetricType.GAUGE, List.of(),
            "1 while the shared Redis cache is reachable, 0 while it is not (absent when none is configured)");

    public static final MetricName SOURCE_ERRORS = new MetricName(
            "cxmyd.source.errors", "cxmyd_source_errors_total", MetricType.COUNTER, List.of(TAG_KIND),
            "Failed requests to the itinerary source, by kind");

    public static final MetricName JOURNAL_COMMIT = new MetricName(
            "cxmyd.journal.commit", "cxmyd_journal_commit_seconds", MetricType.TIMER, List.of(),
            "Time a query waits for its journal record to be on the disk before it is acknowledged");

    public static final MetricName JOURNAL_REFUSED = new MetricName(
            "cxmyd.journal.refused", "cxmyd_journal_refused_total", MetricType.COUNTER, List.of(),
            "Queries refused because the journal could not record them in time or at all");

    public static final MetricName JOURNAL_PENDING = new MetricName(
            "cxmyd.journal.pending", "cxmyd_journal_pending", MetricType.GAUGE, List.of(),
            "Queries acknowledged and recorded whose reply has not ended yet");

    public static final MetricName JOURNAL_REPLAYED = new MetricName(
            "cxmyd.journal.replayed", "cxmyd_journal_replayed_total", MetricType.COUNTER, List.of(),
            "Queries an earlier run acknowledged and did not finish, processed again at start");

    public static final MetricName ESME_BIND_ATTEMPTS = new MetricName(
            "cxmyd.esme.bind.attempts", "cxmyd_esme_bind_attempts_total", MetricType.COUNTER,
            List.of(TAG_CARRIER, TAG_RESULT),
            "Binds the gateway attempted to carriers' SMSCs (ESME mode), by result: bound, unreachable, "
                    + "already_bound, too_many_sessions, credentials, refused");

    public static final MetricName RECEIPTS = new MetricName(
            "cxmyd.receipts", "cxmyd_receipts_total", MetricType.COUNTER, List.of(TAG_CARRIER, TAG_STATE),
            "Delivery receipts from carriers' SMSCs (ESME mode) matched to a reply part, by the state reported");

    public static final MetricName RECEIPTS_UNMATCHED = new MetricName(
            "cxmyd.receipts.unmatched", "cxmyd_receipts_unmatched_total", MetricType.COUNTER, List.of(TAG_CARRIER),
            "Delivery receipts (ESME mode) whose message id matches no reply part the gateway still holds");

    public static final MetricName ESME_PARTS_WAITED = new MetricName(
            "cxmyd.esme.parts.waited", "cxmyd_esme_parts_waited_total", MetricType.COUNTER, List.of(TAG_CARRIER),
            "Reply parts (ESME mode) that found every bound session's window full and waited for a slot: some of "
                    + "the carrier's sessions are down");

    public static final MetricName QUERIES_OTHER_CARRIER = new MetricName(
            "cxmyd.queries.other.carrier", "cxmyd_queries_other_carrier_total", MetricType.COUNTER,
            List.of(TAG_CARRIER),
            "Queries through this carrier for a number the registry gives to another carrier, answered as unknown");

    public static final MetricName CARRIER_SUSPENDED = new MetricName(
            "cxmyd.carrier.suspended", "cxmyd_carrier_suspended", MetricType.GAUGE, List.of(TAG_CARRIER),
            "1 while the carrier is suspended through the admin view (kept across restarts), else 0");

    public static final MetricName WEB_CODES = new MetricName(
            "cxmyd.web.codes", "cxmyd_web_codes_total", MetricType.COUNTER, List.of(TAG_RESULT),
            "Verification codes of the web channel: asked, sent, verified, failed or refused by a budget");

    public static final MetricName LOG_LINES_DROPPED = new MetricName(
            "cxmyd.log.lines.dropped", "cxmyd_log_lines_dropped_total", MetricType.COUNTER, List.of(),
            "Log lines dropped because the queue in front of the console was nearly full (its reader slow or stopped)");

    /** All of the above, in the order of the operations guide's catalogue. */
    public static final List<MetricName> ALL = List.of(
            BINDS, BIND_FAILURES, QUERIES, QUERIES_OTHER_CARRIER, CARRIER_SUSPENDED, REPLIES, REPLY_PARTS, END_TO_END, REPLY_QUEUE_DEPTH, REPLY_QUEUE_OLDEST,
            LOOKUP, CACHE_REQUESTS, REDIS_UP, SOURCE_ERRORS,
            JOURNAL_COMMIT, JOURNAL_REFUSED, JOURNAL_PENDING, JOURNAL_REPLAYED,
            ESME_BIND_ATTEMPTS, RECEIPTS, RECEIPTS_UNMATCHED, ESME_PARTS_WAITED,
            WEB_CODES, LOG_LINES_DROPPED);

    /** The cache result label values. */
    public static final String HIT = "hit";
    public static final String MISS = "miss";

    private MetricNames() {
    }

    /** The kind of meter, as Prometheus shows it (a timer is a histogram). */
    public enum MetricType {
        COUNTER("counter"),
        GAUGE("gauge"),
        TIMER("histogram");

        private final String prometheusType;

        MetricType(String prometheusType) {
            this.prometheusType = prometheusType;
        }

        /** The word on the scrape's {@code # TYPE} line. */
        public String prometheusType() {
            return prometheusType;
        }
    }

    /**
     * One metric.
     *
     * @param name the Micrometer name (dotted)
     * @param exposedName the name in the Prometheus scrape (for a timer, the histogram's base name)
     * @param type counter, gauge or timer
     * @param tagKeys the labels, in no particular order
     * @param description the HELP text
     */
    public record MetricName(String name, String exposedName, MetricType type, List<String> tagKeys,
                             String description) {
        public MetricName {
            tagKeys = List.copyOf(tagKeys);
        }
    }
}
