package io.cxmyd.batch.core;

import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.cache.DayValue;

/**
 * One output of the job's streaming step: a subscriber's value for the data day, or a refusal of a row.
 *
 * @param msisdn the subscriber (null for a refusal)
 * @param value the subscriber's value for the day (null for a refusal)
 * @param events the subscriber's events in the day's span
 * @param refusal the refused row (null for a value)
 */
public record SubscriberResult(Msisdn msisdn, DayValue value, long events, Refusal refusal) {

    /**
     * A row the job refuses, where it is: {@code offset} is the row's byte offset in {@code file} (its
     * line is counted only when reported); {@code other} another row the reason refers to, or -1.
     */
    public record Refusal(String file, long offset, long other, String reason) {
    }

    static SubscriberResult of(Msisdn msisdn, DayValue value, long events) {
        return new SubscriberResult(msisdn, value, events, null);
    }

    static SubscriberResult refused(String file, long offset, long other, String reason) {
        return new SubscriberResult(null, null, 0, new Refusal(file, offset, other, reason));
    }
}
