package io.cxmyd.gateway.ops;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.LoggerFactory;

/**
 * The queue in front of the console in config/logback.xml: logback's {@link AsyncAppender} that never makes the
 * logging thread wait ({@code neverBlock}), and counts the lines it drops ({@code cxmyd_log_lines_dropped_total}).
 *
 * <p>Why: the query line is written by the journal's completer, the thread that answers every query. Written
 * straight to standard output, a reader of that output that stops reading (a full pipe to journald, a container
 * runtime's log driver, a terminal on hold) blocked that thread on its write, and with it every query of every
 * carrier: a gateway whose stdout was a pipe nobody read stopped answering after a few hundred queries.
 *
 * <p>What it gives up: once less than a fifth of the queue is free, lines at INFO and below (the query lines)
 * are dropped and counted; WARN and ERROR still take that last fifth, and past it logback drops them too,
 * uncounted (by then the counter has long shown the trouble).
 */
public final class LogQueueAppender extends AsyncAppender {

    private final LongAdder dropped = new LongAdder();

    public LogQueueAppender() {
        setNeverBlock(true);
    }

    /** Called by logback only once the queue is past its discarding threshold: true means the line is dropped. */
    @Override
    protected boolean isDiscardable(ILoggingEvent event) {
        boolean discard = super.isDiscardable(event);
        if (discard) {
            dropped.increment();
        }
        return discard;
    }

    /** Lines dropped so far because the queue was nearly full. */
    public long dropped() {
        return dropped.sum();
    }

    /**
     * Lines dropped by every queue of this kind in the process's logging, wherever the configuration attached
     * them; 0 when logging is not logback. Walks the loggers: for a scrape, not for a query.
     */
    public static long droppedInThisProcess() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return 0;
        }
        Set<LogQueueAppender> queues = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Logger logger : context.getLoggerList()) {
            logger.iteratorForAppenders().forEachRemaining(a -> {
                if (a instanceof LogQueueAppender q) {
                    queues.add(q);
                }
            });
        }
        return queues.stream().mapToLong(LogQueueAppender::dropped).sum();
    }
}
