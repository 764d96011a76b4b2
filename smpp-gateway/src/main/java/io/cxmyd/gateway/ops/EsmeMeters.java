package io.cxmyd.gateway.ops;

import io.cxmyd.gateway.smpp.esme.EsmeEvents.BindAttempt;
import io.cxmyd.gateway.smpp.esme.ReceiptState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;

/**
 * The ESME-mode meters: bind attempts to carriers' SMSCs and delivery receipts. Label values come from the
 * enums only. Counters appear at their first increment (a gateway with no ESME-mode carrier shows none).
 */
public final class EsmeMeters {

    private final MeterRegistry registry;
    private final Set<String> carriers;

    EsmeMeters(MeterRegistry registry, Set<String> carriers) {
        this.registry = registry;
        this.carriers = Set.copyOf(carriers);
    }

    public void bindAttempt(String carrierId, BindAttempt result) {
        Counter.builder(MetricNames.ESME_BIND_ATTEMPTS.name())
                .description(MetricNames.ESME_BIND_ATTEMPTS.description())
                .tag(MetricNames.TAG_CARRIER, known(carrierId))
                .tag(MetricNames.TAG_RESULT, result.label())
                .register(registry)
                .increment();
    }

    /** A receipt arrived; matched ones count by state, the others apart. */
    public void receipt(String carrierId, ReceiptState state, boolean matched) {
        if (matched) {
            Counter.builder(MetricNames.RECEIPTS.name())
                    .description(MetricNames.RECEIPTS.description())
                    .tag(MetricNames.TAG_CARRIER, known(carrierId))
                    .tag(MetricNames.TAG_STATE, state.label())
                    .register(registry)
                    .increment();
        } else {
            Counter.builder(MetricNames.RECEIPTS_UNMATCHED.name())
                    .description(MetricNames.RECEIPTS_UNMATCHED.description())
                    .tag(MetricNames.TAG_CARRIER, known(carrierId))
                    .register(registry)
                    .increment();
        }
    }

    /** The count of one series, 0 when it has not appeared yet (for tests and the admin view). */
    public double receipts(String carrierId, ReceiptState state) {
        Counter c = registry.find(MetricNames.RECEIPTS.name()).tag(MetricNames.TAG_CARRIER, carrierId)
                .tag(MetricNames.TAG_STATE, state.label()).counter();
        return c == null ? 0 : c.count();
    }

    private String known(String carrierId) {
        if (!carriers.contains(carrierId)) {
            throw new IllegalArgumentException("carrier: not configured, was '" + carrierId + "'");
        }
        return carrierId;
    }
}
