package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.AppenderBase;
import io.cxmyd.gateway.ops.LogQueueAppender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@link Main#stopLogging}, called before System.exit: the lines still queued in front of the console reach it
 * before it returns (without it, the last lines of a stop, "stopped" among them, could be cut off by the exit).
 * The tests' own logging (logback-test.xml) is put back after each test.
 */
class StopLoggingTest {

    private static final String PROPERTY = "logback.configurationFile";
    private static final int LINES = 5000;

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final String propertyBefore = System.getProperty(PROPERTY);
    private final CountDownLatch consoleBack = new CountDownLatch(1);
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());

    /**
     * A console that writes nothing until {@link #consoleBack}, or until the queue's stop, which interrupts the
     * queue's thread to end it: so every line is still queued when the stop begins, and only the stop's drain
     * can write them.
     */
    private final AppenderBase<ILoggingEvent> console = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (!Thread.currentThread().isInterrupted()) {
                try {
                    consoleBack.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            written.add(event.getFormattedMessage());
        }
    };

    @AfterEach
    void putTheTestsLoggingBack() throws Exception {
        consoleBack.countDown();
        if (propertyBefore == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, propertyBefore);
        }
        context.reset();
        new ContextInitializer(context).autoConfig();
        context.start();
    }

    private Logger queuedLogger() {
        console.setContext(context);
        console.start();
        LogQueueAppender queue = new LogQueueAppender();
        queue.setContext(context);
        queue.setQueueSize(2 * LINES); // no line dropped
        queue.addAppender(console);
        queue.start();
        Logger logger = context.getLogger("cxmyd.stop.test");
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(queue);
        return logger;
    }

    @Test
    void theQueuedLinesAreWrittenOutBeforeItReturns() {
        Logger logger = queuedLogger();
        for (int i = 0; i < LINES; i++) {
            logger.info("line {}", i);
        }
        System.setProperty(PROPERTY, "logback.xml"); // as a command that pointed logback at its file

        Main.stopLogging();

        assertThat(written).hasSize(LINES);
        assertThat(written.get(LINES - 1)).isEqualTo("line " + (LINES - 1));
    }

    @Test
    void whenNoCommandConfiguredLoggingItLeavesLogbackAlone() {
        System.clearProperty(PROPERTY); // --help, a usage error: logging never configured

        Main.stopLogging();

        assertThat(context.isStarted()).isTrue();
    }
}
