package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The queue in front of the console, with a console that stopped being read: logging returns at once, the lines
 * that do not fit are dropped and counted, and what was queued is written once the reader comes back.
 */
// The timeout guards against the very hang this class exists to prevent, not a speed: it passes in milliseconds.
@Timeout(30)
class LogQueueAppenderTest {

    private static final int QUEUE = 10;

    private final CountDownLatch readerBack = new CountDownLatch(1);
    private final CountDownLatch firstLineTaken = new CountDownLatch(1);
    private final StuckConsole console = new StuckConsole();
    private LoggerContext context;
    private LogQueueAppender queue;
    private Logger logger;

    /** A console whose reader stopped: the first write waits until {@link #readerBack}. */
    private final class StuckConsole extends AppenderBase<ILoggingEvent> {
        final List<String> written = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            firstLineTaken.countDown();
            try {
                readerBack.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(event.getFormattedMessage());
        }
    }

    private void start(LoggerContext in) throws InterruptedException {
        context = in;
        console.setContext(context);
        console.start();
        queue = new LogQueueAppender();
        queue.setContext(context);
        queue.setQueueSize(QUEUE);
        queue.addAppender(console);
        queue.start();
        logger = context.getLogger("cxmyd.query.test");
        logger.setLevel(Level.INFO); // the tests' own logging is at WARN
        logger.setAdditive(false);
        logger.addAppender(queue);
        logger.info("line 0");
        firstLineTaken.await(); // the queue's writer now waits on the console, holding line 0
    }

    @AfterEach
    void release() {
        readerBack.countDown();
        if (logger != null) {
            logger.detachAppender(queue);
            logger.setLevel(null);
            logger.setAdditive(true);
        }
        if (queue != null) {
            queue.stop();
        }
    }

    @Test
    void aConsoleThatIsNotReadCostsTheLoggingThreadNothingAndTheDroppedLinesAreCounted() throws Exception {
        LoggerContext own = new LoggerContext();
        own.setMDCAdapter(new LogbackMDCAdapter()); // what logback's own initialisation sets up
        start(own);

        for (int i = 1; i <= 20; i++) {
            logger.info("line {}", i); // returns: with a waiting put this thread would hang at line 11
        }
        // 10 places; INFO is dropped once fewer than a fifth (2) are left: lines 1-9 queued, 10-20 dropped.
        assertThat(queue.dropped()).isEqualTo(11);
        assertThat(queue.getRemainingCapacity()).isEqualTo(1);

        logger.warn("a warning");
        assertThat(queue.dropped()).as("WARN takes a place kept for it").isEqualTo(11);
        assertThat(queue.getRemainingCapacity()).isZero();

        readerBack.countDown();
        queue.stop(); // writes out what is queued
        assertThat(console.written).containsExactly("line 0", "line 1", "line 2", "line 3", "line 4", "line 5",
                "line 6", "line 7", "line 8", "line 9", "a warning");
    }

    @Test
    void theCountOfTheProcessSumsTheQueuesOfItsLogging() throws Exception {
        long before = LogQueueAppender.droppedInThisProcess();
        start((LoggerContext) LoggerFactory.getILoggerFactory());

        for (int i = 1; i <= 15; i++) {
            logger.info("line {}", i);
        }

        assertThat(queue.dropped()).isEqualTo(6);
        assertThat(LogQueueAppender.droppedInThisProcess() - before).isEqualTo(6);
        readerBack.countDown();
        assertThat(readerBack.await(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theQueueNeverBlocksUnlessTheConfigurationSaysSo() {
        assertThat(new LogQueueAppender().isNeverBlock()).isTrue();
    }
}
