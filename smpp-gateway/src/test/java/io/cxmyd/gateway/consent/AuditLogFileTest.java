package io.cxmyd.gateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.Msisdn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit file through real logback: lines written, masked, rolled at midnight in the rules' zone. Time is
 * logback's artificial current time, moved by hand, so the rollover needs no wait.
 */
class AuditLogFileTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    @Test
    void decisionsAreWrittenMaskedAndRolledAtMidnightInTheRulesZone() throws IOException {
        Path file = dir.resolve("audit/consent.log");
        Instant day1 = OffsetDateTime.parse("2026-11-21T23:59:00+08:00").toInstant();
        Instant day2 = OffsetDateTime.parse("2026-11-22T00:01:00+08:00").toInstant();
        ConsentAudit audit = new ConsentAudit();
        Msisdn sender = Msisdn.parse("18600000000");
        try (AuditLogFile log = AuditLogFile.attach(file, 180, SHANGHAI, day1.toEpochMilli())) {
            assertThat(log.policy().getMaxHistory()).isEqualTo(180);
            audit.record(day1, "china-unicom", sender, Verification.ID_LAST4, "wrong_code");
            log.policy().getTimeBasedFileNamingAndTriggeringPolicy().setCurrentTime(day2.toEpochMilli());
            audit.record(day2, "china-unicom", sender, Verification.ID_LAST4, "verified");
        }
        List<String> rolled = Files.readAllLines(dir.resolve("audit/consent.log.2026-11-21"), StandardCharsets.UTF_8);
        List<String> current = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(rolled).containsExactly("consent at=" + day1
                + " carrier=china-unicom from=186****0000 mode=id-last4 outcome=wrong_code");
        assertThat(current).containsExactly("consent at=" + day2
                + " carrier=china-unicom from=186****0000 mode=id-last4 outcome=verified");
    }

    @Test
    void daysPastTheRetentionAreDeletedWhenTheFileIsAttached() throws IOException {
        Path file = dir.resolve("consent.log");
        Path stale = Files.writeString(dir.resolve("consent.log.2026-05-01"), "old\n");
        Path kept = Files.writeString(dir.resolve("consent.log.2026-11-20"), "yesterday\n");
        Instant now = OffsetDateTime.parse("2026-11-21T09:30:00+08:00").toInstant();

        try (AuditLogFile log = AuditLogFile.attach(file, 180, SHANGHAI, now.toEpochMilli())) {
            // Done before attach returns: nothing to wait for.
            assertThat(stale).as("204 days old, retention 180").doesNotExist();
            assertThat(kept).exists();
        }
    }

    @Test
    void closingDetachesTheFile() throws IOException {
        Path file = dir.resolve("consent.log");
        AuditLogFile.attach(file, 7, SHANGHAI).close();
        new ConsentAudit().record(Instant.EPOCH, "china-mobile", Msisdn.parse("13800138000"), Verification.CONFIRM,
                "prompted");
        assertThat(Files.readString(file)).isEmpty();
    }
}
