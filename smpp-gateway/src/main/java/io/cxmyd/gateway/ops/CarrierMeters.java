package io.cxmyd.gateway.ops;

import io.cxmyd.gateway.smpp.BindType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one configured carrier, all registered up front so that a dashboard shows a zero, not a gap,
 * for an outcome that has not happened yet.
 */
final class CarrierMeters {

    /**
     * End-to-end buckets: a reply normally lands within a second or two; the long buckets show retries while a
     * carrier's receiver bind is down (a reply may wait until its validity runs out).
     */
    static final Duration[] END_TO_END_BUCKETS = {
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)
    };

    private final Map<BindType, AtomicInteger> binds = new EnumMap<>(BindType.class);
    private final Map<QueryOutcome, Counter> queries = new EnumMap<>(QueryOutcome.class);
    private final Map<ReplyResult, Counter> replies = new EnumMap<>(ReplyResult.class);
    private final Counter parts;
    private final Counter otherCarrier;
    private final AtomicInteger suspended = new AtomicInteger();
    private final Timer endToEnd;

    CarrierMeters(MeterRegistry registry, String carrier) {
        for (BindType type : BindType.values()) {
            AtomicInteger open = new AtomicInteger();
            binds.put(type, open);
            Gauge.builder(MetricNames.BINDS.name(), open, AtomicInteger::get)
                    .description(MetricNames.BINDS.description())
                    .tag(MetricNames.TAG_CARRIER, carrier)
                    .tag(MetricNames.TAG_TYPE, type.label())
                    .strongReference(true)
                    .register(registry);
        }
        for (QueryOutcome outcome : QueryOutcome.values()) {
            queries.put(outcome, Counter.builder(MetricNames.QUERIES.name())
                    .description(MetricNames.QUERIES.description())
                    .tag(MetricNames.TAG_CARRIER, carrier)
                    .tag(MetricNames.TAG_OUTCOME, outcome.label())
                    .register(registry));
        }
        for (ReplyResult result : ReplyResult.values()) {
            replies.put(result, Counter.builder(MetricNames.REPLIES.name())
                    .description(MetricNames.REPLIES.description())
                    .tag(MetricNames.TAG_CARRIER, carrier)
                    .tag(MetricNames.TAG_RESULT, result.label())
                    .register(registry));
        }
        otherCarrier = Counter.builder(MetricNames.QUERIES_OTHER_CARRIER.name())
                .description(MetricNames.QUERIES_OTHER_CARRIER.description())
                .tag(MetricNames.TAG_CARRIER, carrier)
                .register(registry);
        Gauge.builder(MetricNames.CARRIER_SUSPENDED.name(), suspended, AtomicInteger::get)
                .description(MetricNames.CARRIER_SUSPENDED.description())
                .tag(MetricNames.TAG_CARRIER, carrier)
                .strongReference(true)
                .register(registry);
        parts = Counter.builder(MetricNames.REPLY_PARTS.name())
                .description(MetricNames.REPLY_PARTS.description())
                .tag(MetricNames.TAG_CARRIER, carrier)
                .register(registry);
        endToEnd = Timer.builder(MetricNames.END_TO_END.name())
                .description(MetricNames.END_TO_END.description())
                .tag(MetricNames.TAG_CARRIER, carrier)
                .serviceLevelObjectives(END_TO_END_BUCKETS)
                .register(registry);
    }

    void query(QueryOutcome outcome) {
        queries.get(outcome).increment();
    }

    void otherCarrier() {
        otherCarrier.increment();
    }

    void suspended(boolean on) {
        suspended.set(on ? 1 : 0);
    }

    void reply(ReplyResult result) {
        replies.get(result).increment();
    }

    void parts(int n) {
        parts.increment(n);
    }

    void endToEnd(Duration elapsed) {
        endToEnd.record(elapsed);
    }

    void bound(BindType type) {
        binds.get(type).incrementAndGet();
    }

    /** Never below zero: an unbound reported twice for one bind must not leave a negative gauge. */
    void unbound(BindType type) {
        binds.get(type).updateAndGet(open -> Math.max(0, open - 1));
    }

    int openBinds(BindType type) {
        return binds.get(type).get();
    }
}
