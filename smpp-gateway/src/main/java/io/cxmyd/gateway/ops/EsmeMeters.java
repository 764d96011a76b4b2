package io.cxmyd.gateway.ops;

import io.cxmyd.gateway.smpp.esme.EsmeEvents.BindAttempt;
import io.cxmyd.gateway.smpp.esme.ReceiptState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;

/**
 * The ESME-mode meters: bind attempts to carriers' SMSCs, delivery receipts, parts that waited for a slot.
 * Label values come from the enums only. Every series is registered at zero from the start, for every carrier
 * (as the other per-carrier meters are), so that dashboards and alerts find them whether or not a carrier is in
 * ESME mode yet.
 */
public final class EsmeMeters {

    private final MeterRegistry registry;
    private final Set<String> carriers;

    EsmeMeters(MeterRegistry registry, Set<String> carriers) {
        this.registry = registry;
        this.carriers = Set.copyOf(carriers);
        for (String c : carriers) {
            for (BindAttempt a : BindAttempt.values()) {
                attempts(c, a);
            }
            for (ReceiptState state : ReceiptState.values()) {
                matched(c, state);
            }
            unmatched(c);
            waited(c);
        }
    }

    private Counter waited(String carrierId) {
        return Counter.builder(MetricNames.ESME_PARTS_WAITED.name())
                .description(MetricNames.ESME_PARTS_WAITED.description())
                .tag(MetricNames.TAG_CARRIER, carrierId)
                .register(registry);
    }

    public void partWaited(String carrierId) {
        waited(known(carrierId)).increment();
    }

    private Counter attempts(String carrierId, BindAttempt result) {
        return Counter.builder(MetricNames.ESME_BIND_ATTEMPTS.name())
                .description(MetricNames.ESME_BIND_ATTEMPTS.description())
                .tag(MetricNames.TAG_CARRIER, carrierId)
                .tag(MetricNames.TAG_RESULT, result.label())
                .register(registry);
    }

    private Counter matched(String carrierId, ReceiptState state) {
        return Counter.builder(MetricNames.RECEIPTS.name())
                .description(MetricNames.RECEIPTS.description())
                .tag(MetricNames.TAG_CARRIER, carrierId)
                .tag(MetricNames.TAG_STATE, state.label())
                .register(registry);
    }

    private Counter unmatched(String carrierId) {
        return Counter.builder(MetricNames.RECEIPTS_UNMATCHED.name())
                .description(MetricNames.RECEIPTS_UNMATCHED.description())
                .tag(MetricNames.TAG_CARRIER, carrierId)
                .register(registry);
    }

    public void bindAttempt(String carrierId, BindAttempt result) {
        attempts(known(carrierId), result).increment();
    }

    /** A receipt arrived; matched ones count by state, the others apart. */
    public void receipt(String carrierId, ReceiptState state, boolean matched) {
        if (matched) {
            matched(known(carrierId), state).increment();
        } else {
            unmatched(known(carrierId)).increment();
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
