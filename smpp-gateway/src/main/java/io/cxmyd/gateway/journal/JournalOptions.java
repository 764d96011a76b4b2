package io.cxmyd.gateway.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the journal of accepted queries writes.
 *
 * @param dir the folder of the segment files (created 0700 when missing; files are 0600)
 * @param fsyncInterval how long the writer gathers appends after the first one before it writes and fsyncs
 *     them together (group commit); zero fsyncs as soon as the writer is free, batching only what queued
 *     meanwhile
 * @param commitTimeout how long a PDU thread waits for its query to be durable before it refuses it
 * @param segmentBytes the size past which the writer starts a new segment file
 */
public record JournalOptions(Path dir, Duration fsyncInterval, Duration commitTimeout, long segmentBytes) {

    /** A segment holds at least a few hundred records, so rolling never dominates. */
    public static final long MIN_SEGMENT_BYTES = 64 * 1024;

    public JournalOptions {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
        Objects.requireNonNull(commitTimeout, "commitTimeout");
        if (fsyncInterval.isNegative() || fsyncInterval.compareTo(Duration.ofMillis(100)) > 0) {
            throw new IllegalArgumentException("fsyncInterval: must be between 0 and 100ms, was " + fsyncInterval);
        }
        if (commitTimeout.compareTo(Duration.ofMillis(10)) < 0 || commitTimeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("commitTimeout: must be between 10ms and 30s, was " + commitTimeout);
        }
        if (segmentBytes < MIN_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segmentBytes: must be at least " + MIN_SEGMENT_BYTES + ", was " + segmentBytes);
        }
    }

    public static JournalOptions defaults(Path dir) {
        return new JournalOptions(dir, Duration.ofMillis(2), Duration.ofMillis(500), 64L * 1024 * 1024);
    }
}
