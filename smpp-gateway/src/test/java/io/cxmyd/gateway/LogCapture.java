package io.cxmyd.gateway;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Logback configured from a shipped logback.xml (config/logback.xml), with some levels lowered, and every event
 * kept in memory instead of printed. {@link #output()} renders the events with the shipped text encoder and
 * with the JSON encoder, so a test sees exactly what either log format would write. {@link #close()} puts the
 * test configuration (logback-test.xml) back.
 */
final class LogCapture implements AutoCloseable {

    private final LoggerContext context;
    /** Fixes each event's thread name and arguments when it happens, as an asynchronous appender would. */
    private final ListAppender<ILoggingEvent> events = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };
    private final Encoder<ILoggingEvent> text;
    private final LogstashEncoder json = new LogstashEncoder();

    private LogCapture(LoggerContext context, Encoder<ILoggingEvent> text) {
        this.context = context;
        this.text = text;
    }

    /**
     * @param logbackXml the configuration to run with, as shipped
     * @param levels loggers whose level is set after it is read (e.g. io.cxmyd at DEBUG)
     */
    static LogCapture start(Path logbackXml, Map<String, Level> levels) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(logbackXml.toFile());
        levels.forEach((name, level) -> context.getLogger(name).setLevel(level));

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        Encoder<ILoggingEvent> textEncoder = null;
        for (Appender<ILoggingEvent> appender : appenders) {
            if (appender instanceof OutputStreamAppender<ILoggingEvent> out) {
                textEncoder = out.getEncoder();
            }
            if (appender instanceof AsyncAppender queue) {
                // The shipped file's queue in front of the console: the encoder is the console's behind it.
                for (var it = queue.iteratorForAppenders(); it.hasNext(); ) {
                    if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out) {
                        textEncoder = out.getEncoder();
                    }
                }
            }
            // Detached but not stopped (its encoder is used below): the test reads the events, the console
            // stays quiet.
            root.detachAppender(appender);
        }
        if (textEncoder == null) {
            throw new IllegalStateException(logbackXml + ": the root logger has no console appender");
        }
        LogCapture capture = new LogCapture(context, textEncoder);
        capture.json.setContext(context);
        capture.json.start();
        capture.events.setContext(context);
        capture.events.start();
        root.addAppender(capture.events);
        return capture;
    }

    /** Every event so far, as the text encoder and the JSON encoder would write it (stack traces included). */
    List<String> output() {
        List<ILoggingEvent> snapshot;
        synchronized (events) {
            snapshot = new ArrayList<>(events.list);
        }
        List<String> lines = new ArrayList<>(snapshot.size() * 2);
        for (ILoggingEvent event : snapshot) {
            lines.add(new String(text.encode(event), StandardCharsets.UTF_8));
            lines.add(new String(json.encode(event), StandardCharsets.UTF_8));
        }
        return lines;
    }

    /** The events so far (for assertions on logger names and levels). */
    List<ILoggingEvent> events() {
        synchronized (events) {
            return new ArrayList<>(events.list);
        }
    }

    @Override
    public void close() throws Exception {
        context.reset();
        new ContextInitializer(context).autoConfig();
    }
}
