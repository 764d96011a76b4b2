package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Redis availability events do not register {@code cxmyd_redis_up} again: Micrometer would ignore the second
 * registration but log it, as a WARN the first time in the process (at DEBUG after that, which is why this
 * test listens at DEBUG: it must not depend on which test ran first).
 */
class RedisUpGaugeRegistrationTest {

    private final Logger micrometer = (Logger) LoggerFactory.getLogger(MeterRegistry.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void listen() {
        previousLevel = micrometer.getLevel();
        micrometer.setLevel(Level.DEBUG);
        events.start();
        micrometer.addAppender(events);
    }

    @AfterEach
    void stopListening() {
        micrometer.detachAppender(events);
        micrometer.setLevel(previousLevel);
    }

    private List<String> doubleRegistrations() {
        return events.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains("already registered"))
                .toList();
    }

    @Test
    void availabilityEventsWithRedisConfiguredLogNoDoubleRegistration() {
        try (GatewayMetrics metrics = new GatewayMetrics(List.of("china-mobile"), true)) {
            metrics.redisAvailability(true);
            metrics.redisAvailability(false);
            metrics.redisAvailability(true);

            assertThat(metrics.scrape()).contains("cxmyd_redis_up 1.0\n");
        }

        assertThat(doubleRegistrations()).isEmpty();
    }

    @Test
    void aLateAvailabilityEventWithoutRedisConfiguredShowsTheGaugeOnce() {
        try (GatewayMetrics metrics = new GatewayMetrics(List.of("china-mobile"), false)) {
            metrics.redisAvailability(false);
            metrics.redisAvailability(true);

            assertThat(metrics.scrape()).contains("cxmyd_redis_up 1.0\n");
        }

        assertThat(doubleRegistrations()).isEmpty();
    }
}
