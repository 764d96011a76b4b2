package io.cxmyd.gateway.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** What one load run counted and timed; every recorder is safe from many threads. */
final class Figures {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    /** Submit to last reply part, in microseconds, from the intended send time at a fixed rate. */
    final Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    /** Submit to submit_sm_resp, in microseconds. */
    final Histogram submitResp = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    /** How late a sender thread sent after the intended time (fixed rate): the tool's own lag. */
    final Histogram sendLag = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    final LongAdder sent = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final LongAdder replied = new LongAdder();
    final LongAdder repliedInWindow = new LongAdder();
    final LongAdder unmatched = new LongAdder();
    final LongAdder checked = new LongAdder();
    final LongAdder checkFailures = new LongAdder();
    final LongAdder parts = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    /** Texts of checked replies, at most {@link #SAMPLES}: what the same-parts echo then sends. */
    final Queue<String> replyTexts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sampled = new AtomicInteger();
    static final int SAMPLES = 1000;
    volatile String firstCheckFailure;
    volatile long missing;
    volatile long incomplete;
    volatile double seconds;
    volatile long maxHeapUsed = -1;
    volatile double processCpu = -1;

    void sample(String replyText) {
        if (sampled.getAndIncrement() < SAMPLES) {
            replyTexts.add(replyText);
        }
    }

    void error(String label) {
        errors.computeIfAbsent(label, k -> new LongAdder()).increment();
    }

    /** Replies whose last part arrived within the measured window, per second. */
    double throughput() {
        return repliedInWindow.sum() / seconds;
    }

    double sentRate() {
        return sent.sum() / seconds;
    }

    Map<String, Long> errorCounts() {
        Map<String, Long> m = new TreeMap<>();
        errors.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMs(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }
}
