package io.cxmyd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.cxmyd.gateway.ops.LogQueueAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;

/**
 * config/logback.xml as it ships, read into a context of its own (the tests' logging is not touched): the text
 * and the JSON format, and the levels that keep library PDU dumps out of the log.
 */
class ShippedLogbackConfigTest {

    private static LoggerContext configure(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's own initialisation sets up
        if (format != null) {
            context.putProperty(LogFormat.PROPERTY, format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogPrivacyIntegrationTests.SHIPPED_LOGBACK.toFile());
        return context;
    }

    private static Encoder<ch.qos.logback.classic.spi.ILoggingEvent> rootEncoder(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).hasSize(1);
        assertThat(appenders.get(0).isStarted()).isTrue();
        return console(appenders.get(0)).getEncoder();
    }

    /** The console appender behind the root's queue. */
    private static OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> console(
            Appender<ch.qos.logback.classic.spi.ILoggingEvent> rootAppender) {
        assertThat(rootAppender).isInstanceOf(LogQueueAppender.class);
        List<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> behind = new ArrayList<>();
        ((LogQueueAppender) rootAppender).iteratorForAppenders().forEachRemaining(behind::add);
        assertThat(behind).hasSize(1);
        assertThat(behind.get(0)).isInstanceOf(ConsoleAppender.class);
        assertThat(behind.get(0).isStarted()).isTrue();
        return (OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>) behind.get(0);
    }

    @Test
    void bothFormatsWriteThroughAQueueThatNeverMakesTheLoggingThreadWait() throws Exception {
        for (String format : new String[] {null, "JSON"}) {
            LoggerContext context = configure(format);
            try {
                Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
                LogQueueAppender queue = (LogQueueAppender) root.iteratorForAppenders().next();
                assertThat(queue.isNeverBlock()).as("neverBlock, format %s", format).isTrue();
                assertThat(queue.getQueueSize()).isEqualTo(8192);
                // logback's default: INFO and below are dropped once only a fifth of the queue is left.
                assertThat(queue.getDiscardingThreshold()).isEqualTo(8192 / 5);
                assertThat(queue.getMaxFlushTime()).isEqualTo(2000);
                assertThat(console(queue).getEncoder()).isInstanceOf(
                        format == null ? PatternLayoutEncoder.class : LogstashEncoder.class);
            } finally {
                context.stop();
            }
        }
    }

    private static LoggingEvent queryEvent(LoggerContext context) {
        Logger logger = context.getLogger("cxmyd.query");
        return new LoggingEvent(Logger.class.getName(), logger, Level.INFO,
                "query carrier={} from={} outcome={} reply={} parts={} latency_us={}", null,
                new Object[] {"china-mobile", "138****8000", "served", "found", 2, 850});
    }

    @Test
    void byDefaultOneTextLinePerEventWithTimeLevelThreadAndLogger() throws Exception {
        LoggerContext context = configure(null);
        try {
            Encoder<ch.qos.logback.classic.spi.ILoggingEvent> encoder = rootEncoder(context);
            assertThat(encoder).isInstanceOf(PatternLayoutEncoder.class);
            String line = new String(encoder.encode(queryEvent(context)), StandardCharsets.UTF_8);

            assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  \\[[^]]+] "
                    + "cxmyd.query - query carrier=china-mobile from=138\\*{4}8000 outcome=served reply=found parts=2 "
                    + "latency_us=850\\R");
        } finally {
            context.stop();
        }
    }

    @Test
    void jsonFormatWritesOneJsonObjectPerLineForLogShippers() throws Exception {
        LoggerContext context = configure("JSON");
        try {
            Encoder<ch.qos.logback.classic.spi.ILoggingEvent> encoder = rootEncoder(context);
            assertThat(encoder).isInstanceOf(LogstashEncoder.class);
            String line = new String(encoder.encode(queryEvent(context)), StandardCharsets.UTF_8);

            assertThat(line).endsWith("\n").doesNotContain("\n\n");
            JsonNode json = new ObjectMapper().readTree(line);
            assertThat(json.path("@timestamp").asText()).isNotEmpty();
            assertThat(json.path("level").asText()).isEqualTo("INFO");
            assertThat(json.path("logger_name").asText()).isEqualTo("cxmyd.query");
            assertThat(json.path("thread_name").asText()).isNotEmpty();
            assertThat(json.path("message").asText()).isEqualTo(
                    "query carrier=china-mobile from=138****8000 outcome=served reply=found parts=2 latency_us=850");
        } finally {
            context.stop();
        }
    }

    @Test
    void librariesThatDumpPdusOrFramesStayAtWarn() throws Exception {
        LoggerContext context = configure(null);
        try {
            assertThat(context.getLogger("org.jsmpp").getEffectiveLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("io.netty").getEffectiveLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("io.lettuce").getEffectiveLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("cxmyd.query").getEffectiveLevel()).isEqualTo(Level.INFO);
        } finally {
            context.stop();
        }
    }
}
