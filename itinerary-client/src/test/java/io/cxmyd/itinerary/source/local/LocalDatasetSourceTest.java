package io.cxmyd.itinerary.source.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.EventTrack;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.source.SubscriberData;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDatasetSourceTest {

    private static final AreaCatalog CATALOG = AreaCatalog.standard();
    private static final DataDay DAY = DataDay.at(Instant.parse("2026-11-21T01:30:00Z"), RulesOptions.defaults());

    @TempDir
    Path dir;

    static void write(Path dir, String file, String content) throws IOException {
        Files.write(dir.resolve(file), content.getBytes(StandardCharsets.UTF_8));
    }

    private void writeGood() throws IOException {
        write(dir, "cells.csv", "cell_id,area\nC1,110105\nC2,110108\nC3,440106\nC4,JP\n");
        write(dir, "subscribers.csv", """
                msisdn,carrier,activated_on,ported_on
                13800138000,china-mobile,2020-01-01,
                18600000000,china-unicom,2021-05-06,2026-11-20
                """);
        write(dir, "signaling.csv", """
                msisdn,time,cell_id
                13800138000,2026-11-15T12:00:00+08:00,C3
                18600000000,2026-11-15T09:00:00+08:00,C3
                13800138000,2026-11-15T08:00:00+08:00,C1
                13800138000,2026-11-16T01:00:00Z,C4
                13800138000,2026-11-15T10:00:00+08:00,C2
                """);
    }

    private static int area(String code) {
        return CATALOG.resolve(code).map(Area::id).orElseThrow();
    }

    private static long at(String time) {
        return OffsetDateTime.parse(time).toEpochSecond();
    }

    private SubscriberData fetch(LocalDatasetSource source, String number) {
        return source.fetch(Msisdn.parse(number), DAY).join().orElseThrow();
    }

    @Test
    void unsortedRowsComeOutSortedAndEachTrackHoldsOnlyItsOwnEvents() throws IOException {
        writeGood();
        try (LocalDatasetSource source = LocalDatasetSource.load(dir, CATALOG)) {
            assertThat(source.ready()).isTrue();
            EventTrack mine = fetch(source, "13800138000").events();
            assertThat(mine.size()).isEqualTo(4);
            assertThat(mine.epochSecond(0)).isEqualTo(at("2026-11-15T08:00:00+08:00"));
            assertThat(mine.epochSecond(1)).isEqualTo(at("2026-11-15T10:00:00+08:00"));
            assertThat(mine.epochSecond(2)).isEqualTo(at("2026-11-15T12:00:00+08:00"));
            assertThat(mine.epochSecond(3)).isEqualTo(at("2026-11-16T09:00:00+08:00"));
            assertThat(new int[] {mine.areaId(0), mine.areaId(1), mine.areaId(2), mine.areaId(3)})
                    .containsExactly(area("110000"), area("110000"), area("440100"), area("JP"));

            EventTrack theirs = fetch(source, "18600000000").events();
            assertThat(theirs.size()).isEqualTo(1);
            assertThat(theirs.epochSecond(0)).isEqualTo(at("2026-11-15T09:00:00+08:00"));
            assertThat(theirs.areaId(0)).isEqualTo(area("440106"));
        }
    }

    @Test
    void profilesCarryCarrierDatesAndAnEmptyPortDateAsNull() throws IOException {
        writeGood();
        try (LocalDatasetSource source = LocalDatasetSource.load(dir, CATALOG)) {
            assertThat(fetch(source, "+8613800138000").profile())
                    .isEqualTo(new SubscriberProfile("china-mobile", LocalDate.of(2020, 1, 1), null));
            assertThat(fetch(source, "18600000000").profile()).isEqualTo(new SubscriberProfile(
                    "china-unicom", LocalDate.of(2021, 5, 6), LocalDate.of(2026, 11, 20)));
            assertThat(source.stats().subscribers()).isEqualTo(2);
            assertThat(source.stats().events()).isEqualTo(5);
            assertThat(source.stats().cells()).isEqualTo(4);
        }
    }

    @Test
    void unknownNumberIsEmptyNotAnError() throws IOException {
        writeGood();
        try (LocalDatasetSource source = LocalDatasetSource.load(dir, CATALOG)) {
            assertThat(source.fetch(Msisdn.parse("13900000000"), DAY).join()).isEmpty();
        }
    }

    @Test
    void aKnownSubscriberWithoutEventsHasAnEmptyTrack() throws IOException {
        writeGood();
        write(dir, "subscribers.csv", "msisdn,carrier,activated_on,ported_on\n13800138000,china-mobile,2020-01-01,\n"
                + "18600000000,china-unicom,2021-05-06,\n13900000000,china-mobile,2021-05-06,\n");
        try (LocalDatasetSource source = LocalDatasetSource.load(dir, CATALOG)) {
            assertThat(fetch(source, "13900000000").events().size()).isZero();
        }
    }

    @Test
    void byteOrderMarkCrlfAndQuotedFieldsAreRead() throws IOException {
        write(dir, "cells.csv", "\uFEFFcell_id,area\r\n\"C,1\",\"110105\"\r\n\"C\"\"2\",440106\r\n");
        write(dir, "subscribers.csv", "\uFEFF\"msisdn\",\"carrier\",\"activated_on\",\"ported_on\"\r\n"
                + "\"13800138000\",\"china-mobile\",\"2020-01-01\",\"\"\r\n");
        write(dir, "signaling.csv", "\uFEFFmsisdn,time,cell_id\r\n"
                + "13800138000,2026-11-15T08:00:00+08:00,\"C,1\"\r\n"
                + "\"13800138000\",\"2026-11-15T07:00:00+08:00\",\"C\"\"2\"\r\n"
                + "13800138000,2026-11-15T09:00:00.250+08:00,\"C,1\""); // no line end on the last line
        try (LocalDatasetSource source = LocalDatasetSource.load(dir, CATALOG)) {
            EventTrack track = fetch(source, "13800138000").events();
            assertThat(track.size()).isEqualTo(3);
            assertThat(track.areaId(0)).isEqualTo(area("440100"));
            assertThat(track.areaId(1)).isEqualTo(area("110000"));
            assertThat(track.epochSecond(2)).isEqualTo(at("2026-11-15T09:00:00+08:00"));
        }
    }

    @Test
    void extraSubscriberColumnsAreAcceptedAndTheIdHashIsKept() throws IOException {
        writeGood();
        write(dir, "subscribers.csv", "msisdn,carrier,activated_on,ported_on,id_last4_hash,segment\n"
                + "13800138000,china-mobile,2020-01-01,,9f2c,retail\n18600000000,china-unicom,2021-05-06,,,\n");
        try (LocalDatasetSource source = LocalDatasetSource.load(dir, CATALOG)) {
            assertThat(fetch(source, "13800138000").profile().idLast4Hash()).isEqualTo("9f2c");
            assertThat(fetch(source, "18600000000").profile().idLast4Hash()).isNull();
        }
    }

    @Test
    void eventsWithTheSameTimeKeepTheirFileOrder() throws IOException {
        writeGood();
        write(dir, "signaling.csv", "msisdn,time,cell_id\n13800138000,2026-11-15T10:00:00+08:00,C4\n"
                + "13800138000,2026-11-15T10:00:00+08:00,C3\n13800138000,2026-11-15T09:00:00+08:00,C1\n");
        try (LocalDatasetSource source = LocalDatasetSource.load(dir, CATALOG)) {
            EventTrack track = fetch(source, "13800138000").events();
            assertThat(new int[] {track.areaId(0), track.areaId(1), track.areaId(2)})
                    .containsExactly(area("110000"), area("JP"), area("440100"));
        }
    }

    @Test
    void longReversedGroupsInterleavedWithOthersComeOutSortedWithinTheirOwnSlices() throws IOException {
        writeGood();
        StringBuilder rows = new StringBuilder("msisdn,time,cell_id\n");
        for (int h = 99; h >= 0; h--) { // 100 events a subscriber, newest first, the two alternating
            rows.append("13800138000,").append(Instant.ofEpochSecond(at("2026-11-10T00:00:00Z") + h * 3600L))
                    .append(",C1\n");
            rows.append("18600000000,").append(Instant.ofEpochSecond(at("2026-11-10T00:00:30Z") + h * 3600L))
                    .append(h % 2 == 0 ? ",C3\n" : ",C4\n");
        }
        write(dir, "signaling.csv", rows.toString());
        try (LocalDatasetSource source = LocalDatasetSource.load(dir, CATALOG)) {
            EventTrack mine = fetch(source, "13800138000").events();
            EventTrack theirs = fetch(source, "18600000000").events();
            assertThat(mine.size()).isEqualTo(100);
            assertThat(theirs.size()).isEqualTo(100);
            for (int i = 0; i < 100; i++) {
                assertThat(mine.epochSecond(i)).isEqualTo(at("2026-11-10T00:00:00Z") + i * 3600L);
                assertThat(mine.areaId(i)).isEqualTo(area("110000"));
                assertThat(theirs.epochSecond(i)).isEqualTo(at("2026-11-10T00:00:30Z") + i * 3600L);
                assertThat(theirs.areaId(i)).isEqualTo(area(i % 2 == 0 ? "440100" : "JP"));
            }
        }
    }

    @Test
    void riskAreasAreOptionalAndMapToDisplayAreas() throws IOException {
        writeGood();
        try (LocalDatasetSource source = LocalDatasetSource.load(dir, CATALOG)) {
            assertThat(source.riskAreaIds()).isEmpty();
        }
        write(dir, "risk-areas.csv", "area\n440106\n110108\n");
        try (LocalDatasetSource source = LocalDatasetSource.load(dir, CATALOG)) {
            assertThat(source.riskAreaIds()).containsExactlyInAnyOrder(area("440100"), area("110000"));
        }
    }

    @Test
    void aClosedSourceIsNotReady() throws IOException {
        writeGood();
        LocalDatasetSource source = LocalDatasetSource.load(dir, CATALOG);
        source.close();
        assertThat(source.ready()).isFalse();
        assertThat(source.fetch(Msisdn.parse("13800138000"), DAY)).isCompletedExceptionally();
    }
}
