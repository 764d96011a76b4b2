package io.cxmyd.gateway.consent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.DefaultTimeBasedFileNamingAndTriggeringPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedFileNamingAndTriggeringPolicy;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.slf4j.LoggerFactory;

/**
 * Routes {@link ConsentAudit#LOGGER} to a file of its own that rolls over at midnight (in the rules' zone)
 * and keeps {@code retentionDays} days: {@code consent.log}, {@code consent.log.2026-11-20}, ...
 *
 * <p>Built here rather than in logback.xml because the path and the retention are gateway config
 * ({@code consent.auditLog}, {@code consent.auditRetention}), relative to the config file, which logback's
 * own configuration cannot read; logback.xml only keeps the logger out of the console. It is still a
 * logback appender: rotation and deletion are logback's, not ours.
 */
public final class AuditLogFile implements AutoCloseable {

    private final RollingFileAppender<ILoggingEvent> appender;
    private final Logger logger;

    private AuditLogFile(RollingFileAppender<ILoggingEvent> appender, Logger logger) {
        this.appender = appender;
        this.logger = logger;
    }

    /**
     * Attaches the rolling file to the audit logger.
     *
     * @throws IllegalStateException when SLF4J is not bound to logback (the audit must not vanish silently)
     */
    public static AuditLogFile attach(Path file, int retentionDays, ZoneId zone) {
        return attach(file, retentionDays, zone, null);
    }

    /** With {@code startMillis} set, logback's rollover runs on that artificial time (tests move it by hand). */
    static AuditLogFile attach(Path file, int retentionDays, ZoneId zone, Long startMillis) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("consent.auditLog: needs logback as the SLF4J binding, found "
                    + LoggerFactory.getILoggerFactory().getClass().getName());
        }
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("consent-audit:" + file);
        appender.setFile(file.toString());

        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file + ".%d{yyyy-MM-dd, " + zone.getId() + "}");
        policy.setMaxHistory(retentionDays);
        // A gateway restarted daily must still delete old days, but not through logback's cleanHistoryOnStart:
        // that clean runs on logback's executor and races the first rollover's own clean, which then may take
        // the day just rolled for "historically stale" and delete it (logback 1.5.38; 6 audit days lost in
        // 1,500 runs of AuditLogFileTest). Cleaning here, before the appender takes its first line, cannot race.
        policy.setCleanHistoryOnStart(false);
        if (startMillis != null) {
            DefaultTimeBasedFileNamingAndTriggeringPolicy<ILoggingEvent> trigger =
                    new DefaultTimeBasedFileNamingAndTriggeringPolicy<>();
            trigger.setCurrentTime(startMillis);
            policy.setTimeBasedFileNamingAndTriggeringPolicy(trigger);
        }
        policy.start();
        TimeBasedFileNamingAndTriggeringPolicy<ILoggingEvent> naming = policy.getTimeBasedFileNamingAndTriggeringPolicy();
        naming.getArchiveRemover().clean(Instant.ofEpochMilli(naming.getCurrentTime()));

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setPattern("%msg%n");
        encoder.start();

        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalStateException("consent.auditLog: cannot open " + file);
        }
        Logger logger = context.getLogger(ConsentAudit.LOGGER);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
        return new AuditLogFile(appender, logger);
    }

    /** The rolling policy in force, for tests of its settings. */
    TimeBasedRollingPolicy<ILoggingEvent> policy() {
        return (TimeBasedRollingPolicy<ILoggingEvent>) appender.getRollingPolicy();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
