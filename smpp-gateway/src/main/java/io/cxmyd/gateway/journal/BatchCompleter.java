package io.cxmyd.gateway.journal;

import io.cxmyd.gateway.wire.GatheredWrites;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's completer: one thread that completes each commit batch's futures, in record order, then runs
 * the work those completions left for after the batch ({@link #afterCompletion}). What runs on completion (the
 * SMPP responses of the batch, each query's work) overlaps the next batch's gathering and fsync instead of
 * delaying them: one hand-off per batch, not per query.
 */
final class BatchCompleter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchCompleter.class);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "journal-completer");
        t.setDaemon(true);
        return t;
    });
    /** On the thread completing a batch: what the batch left to run after its responses were written. */
    private final ThreadLocal<ArrayDeque<Runnable>> afterBatch = new ThreadLocal<>();

    /** Completes {@code futures} (exceptionally with {@code error} when not null) on the completer thread. */
    void complete(List<CompletableFuture<Void>> futures, Throwable error) {
        if (futures.isEmpty()) {
            return;
        }
        // The batch's responses (and whatever else completion writes) leave in one socket write per
        // connection, not one per query; then what completion left for after them, its writes gathered too.
        Runnable complete = () -> {
            ArrayDeque<Runnable> after = new ArrayDeque<>();
            afterBatch.set(after);
            try {
                GatheredWrites.during(() -> {
                    for (CompletableFuture<Void> f : futures) {
                        if (error == null) {
                            f.complete(null);
                        } else {
                            f.completeExceptionally(error);
                        }
                    }
                });
            } finally {
                afterBatch.remove();
            }
            runAfterBatch(after);
        };
        try {
            thread.execute(complete);
        } catch (RejectedExecutionException e) {
            complete.run(); // closing: complete here rather than leave anyone without an answer
        }
    }

    /**
     * Where work that a commit's completion starts can run without a hand-off: a task given while a batch is
     * being completed runs on the completer thread once the whole batch's responses are written, in order;
     * any other goes to {@code elsewhere}. Only for work that never blocks: the next batch's completion waits
     * behind it (docs/performance.md, eighth run).
     */
    Executor afterCompletion(Executor elsewhere) {
        return task -> {
            ArrayDeque<Runnable> after = afterBatch.get();
            if (after != null) {
                after.add(task);
            } else {
                elsewhere.execute(task);
            }
        };
    }

    private static void runAfterBatch(ArrayDeque<Runnable> after) {
        if (after.isEmpty()) {
            return;
        }
        GatheredWrites.during(() -> {
            for (Runnable task; (task = after.poll()) != null; ) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // A bug: its class and where, not its message, which may quote a subscriber's number.
                    StackTraceElement[] at = e.getStackTrace();
                    log.error("work after a journal commit failed: {} at {}", e.getClass().getName(),
                            at.length > 0 ? at[0] : "?");
                }
            }
        });
    }

    /** Lets the batches handed over finish (5 s at most). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
