package io.cxmyd.itinerary.source.local;

import java.time.Duration;

/**
 * What a load produced and what it holds on the heap, for the start-up log line and the benchmark.
 *
 * @param subscribers rows of subscribers.csv
 * @param cells rows of cells.csv
 * @param events rows of signaling.csv
 * @param eventBytes heap of the per-event arrays (time and area)
 * @param subscriberBytes heap of the per-subscriber arrays (offsets, profile columns, number index)
 * @param loadTime wall time of the load
 */
public record LocalDatasetStats(
        int subscribers, int cells, long events, long eventBytes, long subscriberBytes, Duration loadTime) {

    /** Heap of the arrays per event, all included. */
    public double bytesPerEvent() {
        return events == 0 ? 0 : (double) (eventBytes + subscriberBytes) / events;
    }

    /** Events read per second of load time. */
    public double eventsPerSecond() {
        double seconds = loadTime.toNanos() / 1e9;
        return seconds == 0 ? 0 : events / seconds;
    }
}
