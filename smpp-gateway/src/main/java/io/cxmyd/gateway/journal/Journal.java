package io.cxmyd.gateway.journal;

import io.cxmyd.gateway.message.InboundMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only journal of accepted queries on local disk, with group commit: callers queue records, one
 * writer thread writes whatever has gathered (for at most {@code fsyncInterval} after the first) and fsyncs
 * once for all of them; a completer thread then completes the callers' futures, one hand-off per batch.
 *
 * <p>Retention: a segment is deleted once every query accepted in it is done and every older segment is
 * gone (a later segment's "done" records only matter while the segment of their "accepted" exists).
 * Bookkeeping of which entries are open runs on the writer thread only, in record order, so a "done" can
 * never overtake its "accepted".
 */
public final class Journal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    /** One batch at most: keeps a write's latency bounded under a burst. */
    private static final int MAX_BATCH = 4096;

    private final JournalOptions options;
    private final Segments segments;
    private final List<JournalRecord.Accepted> recovered;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    /** Open entry id -> the segment holding its "accepted" record. Written by the writer thread. */
    private final Map<Long, Long> openEntries = new ConcurrentHashMap<>();
    /** Segment index -> entries still open in it, oldest first. Writer thread only. */
    private final TreeMap<Long, int[]> openPerSegment = new TreeMap<>();
    private final AtomicLong nextId;
    private final Thread writer;
    private final BatchCompleter completer = new BatchCompleter();
    private volatile boolean closed;

    private record Write(JournalRecord record, byte[] bytes, CompletableFuture<Void> durable) {
    }

    private static final Write STOP = new Write(null, null, null);

    private Journal(JournalOptions options, Segments segments, List<JournalRecord.Accepted> recovered, long firstId) {
        this.options = options;
        this.segments = segments;
        this.recovered = List.copyOf(recovered);
        this.nextId = new AtomicLong(firstId);
        this.writer = new Thread(this::writeLoop, "journal-writer");
        this.writer.setDaemon(true);
    }

    /**
     * Opens the journal in {@code options.dir()}: reads what a previous run left (entries accepted and not
     * done become {@link #recovered()}), starts a new segment and the writer thread.
     */
    public static Journal open(JournalOptions options) throws IOException {
        Segments segments = Segments.open(options.dir());
        try {
            List<Segments.Existing> existing = segments.readAll();
            Map<Long, JournalRecord.Accepted> open = new LinkedHashMap<>();
            Map<Long, Long> segmentOf = new java.util.HashMap<>();
            long maxId = 0;
            for (Segments.Existing s : existing) {
                if (!s.scan().clean()) {
                    log.warn("journal segment {}: a torn or damaged tail was cut after {} bytes", s.path().getFileName(),
                            s.scan().validBytes());
                }
                for (JournalRecord r : s.scan().records()) {
                    maxId = Math.max(maxId, r.id());
                    if (r instanceof JournalRecord.Accepted a) {
                        open.put(a.id(), a);
                        segmentOf.put(a.id(), s.index());
                    } else {
                        open.remove(r.id());
                    }
                }
            }
            // Ids stay unique across restarts even once every old segment is deleted: start past the clock.
            long firstId = Math.max(maxId + 1, System.currentTimeMillis() * 1000);
            Journal j = new Journal(options, segments, new ArrayList<>(open.values()), firstId);
            for (Segments.Existing s : existing) {
                j.openPerSegment.put(s.index(), new int[1]);
            }
            open.keySet().forEach(id -> j.track(id, segmentOf.get(id)));
            segments.roll();
            j.openPerSegment.put(segments.activeIndex(), new int[1]);
            j.deleteFinishedSegments();
            j.writer.start();
            return j;
        } catch (IOException | RuntimeException e) {
            segments.close();
            throw e;
        }
    }

    /** The entries a previous run accepted and did not finish, in the order they were accepted. */
    public List<JournalRecord.Accepted> recovered() {
        return recovered;
    }

    /**
     * Queues a query's "accepted" record; the future completes once it is on the disk, or exceptionally when
     * it could not be written.
     */
    public Appended append(InboundMessage message) {
        long id = nextId.getAndIncrement();
        CompletableFuture<Void> durable = new CompletableFuture<>();
        if (closed) {
            durable.completeExceptionally(new IOException("journal closed"));
            return new Appended(id, durable);
        }
        JournalRecord r = new JournalRecord.Accepted(id, message);
        queue.add(new Write(r, JournalCodec.encode(r), durable));
        return new Appended(id, durable);
    }

    /** An appended record: its id and when it is durable. */
    public record Appended(long id, CompletableFuture<Void> durable) {
    }

    /**
     * Queues a "done" record for entry {@code id}. Not waited for: should it be lost in a crash, the entry is
     * replayed and the subscriber gets a duplicate, never nothing.
     */
    public void done(long id) {
        if (closed) {
            return;
        }
        JournalRecord r = new JournalRecord.Done(id);
        queue.add(new Write(r, JournalCodec.encode(r), null));
    }

    /** Entries accepted and not yet done (recovered ones included). */
    public int pending() {
        return openEntries.size();
    }

    private void writeLoop() {
        List<Write> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            batch.clear();
            try {
                batch.add(queue.take());
                gather(batch);
            } catch (InterruptedException e) {
                break;
            }
            if (batch.remove(STOP)) {
                stopping = true;
                queue.drainTo(batch);
                batch.remove(STOP);
            }
            if (!batch.isEmpty()) {
                writeBatch(batch);
            }
        }
    }

    /**
     * Lets records gather for {@code fsyncInterval} after the first, then takes them all. One sleep for the
     * whole interval rather than a timed poll per record: in poll(), every record that found the queue empty
     * woke this thread, a park/unpark pair per record on both sides (docs/performance.md, fourth run).
     */
    private void gather(List<Write> batch) throws InterruptedException {
        long interval = options.fsyncInterval().toNanos();
        if (interval > 0 && batch.get(0) != STOP) {
            long deadline = System.nanoTime() + interval;
            for (long left = interval; left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
        queue.drainTo(batch, MAX_BATCH - batch.size());
    }

    private void writeBatch(List<Write> batch) {
        ByteBuffer[] buffers = new ByteBuffer[batch.size()];
        long bytes = 0;
        for (int i = 0; i < batch.size(); i++) {
            buffers[i] = ByteBuffer.wrap(batch.get(i).bytes());
            bytes += buffers[i].remaining();
        }
        try {
            if (!segments.hasActive()
                    || segments.activeSize() > 0 && segments.activeSize() + bytes > options.segmentBytes()) {
                segments.roll();
                openPerSegment.putIfAbsent(segments.activeIndex(), new int[1]);
            }
            segments.append(buffers);
        } catch (IOException | RuntimeException e) {
            log.error("journal write of {} records failed: {}", batch.size(), e.toString());
            segments.abandonActive();
            for (Write w : batch) {
                if (w.durable() == null) {
                    untrack(w.record().id()); // the reply ended all the same; a crash now only means a duplicate
                }
            }
            deleteFinishedSegments();
            completeLater(batch, e);
            return;
        }
        long segment = segments.activeIndex();
        for (Write w : batch) {
            if (w.record() instanceof JournalRecord.Accepted a) {
                track(a.id(), segment);
            } else {
                untrack(w.record().id());
            }
        }
        // Before the futures: whoever waited on this batch then sees the folder as it now is.
        deleteFinishedSegments();
        completeLater(batch, null);
    }

    /** The batch's futures completed on the completer thread ({@link BatchCompleter}). */
    private void completeLater(List<Write> batch, Throwable error) {
        List<CompletableFuture<Void>> futures = new ArrayList<>(batch.size());
        for (Write w : batch) {
            if (w.durable() != null) {
                futures.add(w.durable());
            }
        }
        completer.complete(futures, error);
    }

    /**
     * Where work that a commit's completion starts can run without a hand-off: after the batch's responses,
     * on the completer thread; any other to {@code elsewhere} ({@link BatchCompleter#afterCompletion}).
     */
    public Executor afterCompletion(Executor elsewhere) {
        return completer.afterCompletion(elsewhere);
    }

    private void track(long id, long segment) {
        openEntries.put(id, segment);
        openPerSegment.computeIfAbsent(segment, s -> new int[1])[0]++;
    }

    private void untrack(long id) {
        Long segment = openEntries.remove(id);
        if (segment != null) {
            int[] n = openPerSegment.get(segment);
            if (n != null) {
                n[0]--;
            }
        }
    }

    private void deleteFinishedSegments() {
        while (!openPerSegment.isEmpty()) {
            Map.Entry<Long, int[]> oldest = openPerSegment.firstEntry();
            if (oldest.getKey() >= segments.activeIndex() && segments.hasActive() || oldest.getValue()[0] > 0) {
                return;
            }
            try {
                segments.delete(oldest.getKey());
                openPerSegment.pollFirstEntry();
            } catch (IOException e) {
                log.warn("journal segment {} could not be deleted: {}", oldest.getKey(), e.toString());
                return;
            }
        }
    }

    /** Writes what is queued, stops the writer and closes the active segment. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completer.close();
        try {
            segments.close();
        } catch (IOException e) {
            log.warn("journal close failed: {}", e.toString());
        }
        for (Write w; (w = queue.poll()) != null; ) {
            if (w.durable() != null) {
                w.durable().completeExceptionally(new IOException("journal closed"));
            }
        }
    }

    /** For tests: the ids of open entries. */
    List<Long> openIds() {
        return Collections.unmodifiableList(new ArrayList<>(openEntries.keySet()));
    }
}
