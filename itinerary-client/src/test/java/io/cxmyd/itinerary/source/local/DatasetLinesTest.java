package io.cxmyd.itinerary.source.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The line-at-a-time checks the Spark job uses give the local loaders' reasons (the texts of LocalDatasetErrorsTest). */
class DatasetLinesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private final DatasetLines signaling = DatasetLines.signaling(b("\uFEFFmsisdn,time,cell_id"), Map.of("C1", 7));
    private final DatasetLines subscribers =
            DatasetLines.subscribers(b("msisdn,carrier,activated_on,ported_on"), Set.of("china-mobile"));

    private static String row(DatasetLines lines, String text, boolean signalingRow) {
        byte[] bytes = b(text);
        return signalingRow ? lines.signalingRow(bytes, bytes.length) : lines.subscriberRow(bytes, bytes.length);
    }

    @Test
    void aGoodSignalingRowIsRead() {
        assertThat(row(signaling, "13800138000,2026-11-15T08:00:00+08:00,\"C1\"\r", true)).isNull();
        assertThat(signaling.number()).isEqualTo(13800138000L);
        assertThat(signaling.epochSecond()).isEqualTo(java.time.OffsetDateTime.parse("2026-11-15T08:00:00+08:00").toEpochSecond());
        assertThat(signaling.area()).isEqualTo(7);
    }

    @Test
    void badSignalingRowsGetTheLocalSourcesReasons() {
        assertThat(row(signaling, "", true)).isEqualTo(DatasetLines.EMPTY);
        assertThat(row(signaling, "13800138000,2026-11-15T08:00:00+08:00", true)).isEqualTo("expected 3 fields, found 2");
        assertThat(row(signaling, "23800138000,2026-11-15T08:00:00+08:00,C1", true))
                .isEqualTo("msisdn: not an 11-digit mainland mobile number \"238****8000\"");
        assertThat(row(signaling, "13800138000,2026-11-15 08:00,C1", true))
                .isEqualTo("time: not an ISO-8601 date-time with offset \"2026-11-15 08:00\"");
        assertThat(row(signaling, "13800138000,2026-11-15T08:00:00+08:00,C9", true)).isEqualTo("unknown cell_id \"C9\"");
        assertThat(row(signaling, "13800138000,\"2026,C1", true)).isEqualTo("field 2: unterminated quoted field");
    }

    @Test
    void subscriberRowsAreCheckedAsTheRegistryLoaderChecksThem() {
        assertThat(row(subscribers, "13800138000,china-mobile,2020-01-01,2026-11-19", false)).isNull();
        assertThat(subscribers.carrier()).isEqualTo("china-mobile");
        assertThat(subscribers.portedOn()).isEqualTo((int) java.time.LocalDate.of(2026, 11, 19).toEpochDay());
        assertThat(row(subscribers, "13800138000,china-mobile,2020-01-01,", false)).isNull();
        assertThat(subscribers.portedOn()).isEqualTo(Integer.MIN_VALUE);
        assertThat(row(subscribers, "13800138000,china-unicom,2020-01-01,", false))
                .isEqualTo("carrier: unknown carrier \"china-unicom\" (known: china-mobile)");
        assertThat(row(subscribers, "13800138000,china-mobile,2020-13-01,", false))
                .isEqualTo("activated_on: not an ISO date \"2020-13-01\"");
        assertThat(row(subscribers, "13800138000,china-mobile,,", false)).isEqualTo("activated_on: empty");
    }
}
