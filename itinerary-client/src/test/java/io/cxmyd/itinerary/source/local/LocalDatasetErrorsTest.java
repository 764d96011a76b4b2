package io.cxmyd.itinerary.source.local;

import static io.cxmyd.itinerary.source.local.LocalDatasetSourceTest.write;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.itinerary.areas.AreaCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of malformed row stops the load with {@code file:line: reason}, numbers masked. */
class LocalDatasetErrorsTest {

    private static final String SUBSCRIBERS = "msisdn,carrier,activated_on,ported_on\n"
            + "13800138000,china-mobile,2020-01-01,\n";
    private static final String SIGNALING_HEADER = "msisdn,time,cell_id\n";

    @TempDir
    Path dir;

    @BeforeEach
    void goodFiles() throws IOException {
        write(dir, "cells.csv", "cell_id,area\nC1,110105\nC2,440106\n");
        write(dir, "subscribers.csv", SUBSCRIBERS);
        write(dir, "signaling.csv", SIGNALING_HEADER + "13800138000,2026-11-15T08:00:00+08:00,C1\n");
    }

    private AbstractThrowableAssert<?, ?> assertLoadFails(String message) {
        return assertThatThrownBy(() -> LocalDatasetSource.load(dir, AreaCatalog.standard(),
                        Set.of("china-mobile", "china-unicom", "china-telecom")))
                .isInstanceOf(DatasetException.class)
                .hasMessage(message);
    }

    @Test
    void unknownCellId() throws IOException {
        write(dir, "signaling.csv", SIGNALING_HEADER + "13800138000,2026-11-15T08:00:00+08:00,C1\n"
                + "13800138000,2026-11-15T09:00:00+08:00,C99\n");
        assertLoadFails("signaling.csv:3: unknown cell_id \"C99\"");
    }

    @Test
    void activationDateThatIsNoDate() throws IOException {
        write(dir, "subscribers.csv", SUBSCRIBERS + "13800138001,china-mobile,2026-13-01,\n");
        assertLoadFails("subscribers.csv:3: activated_on: not an ISO date \"2026-13-01\"");
    }

    @Test
    void portDateThatIsNoDate() throws IOException {
        write(dir, "subscribers.csv", SUBSCRIBERS + "13800138001,china-mobile,2026-01-01,20261120\n");
        assertLoadFails("subscribers.csv:3: ported_on: not an ISO date \"20261120\"");
    }

    @Test
    void missingActivationDate() throws IOException {
        write(dir, "subscribers.csv", SUBSCRIBERS + "13800138001,china-mobile,,\n");
        assertLoadFails("subscribers.csv:3: activated_on: empty");
    }

    @Test
    void unknownAreaCode() throws IOException {
        write(dir, "cells.csv", "cell_id,area\nC1,110105\nC2,999999\n");
        assertLoadFails("cells.csv:3: area: unknown area code \"999999\"");
    }

    @Test
    void provinceCodeNamesNoCity() throws IOException {
        write(dir, "cells.csv", "cell_id,area\nC1,440000\n");
        assertLoadFails("cells.csv:2: area: unknown area code \"440000\" (a province names no city: use a city or "
                + "county code)");
    }

    @Test
    void duplicateCellId() throws IOException {
        write(dir, "cells.csv", "cell_id,area\nC1,110105\nC1,440106\n");
        assertLoadFails("cells.csv:3: duplicate cell_id \"C1\" (first on line 2)");
    }

    @Test
    void duplicateMsisdnIsMasked() throws IOException {
        write(dir, "subscribers.csv", SUBSCRIBERS + "13900000000,china-mobile,2020-01-01,\n"
                + "13800138000,china-unicom,2021-01-01,\n");
        assertLoadFails("subscribers.csv:4: duplicate msisdn 138****8000 (first on line 2)")
                .hasMessageNotContaining("13800138000");
    }

    @Test
    void badMsisdnIsMasked() throws IOException {
        write(dir, "subscribers.csv", SUBSCRIBERS + "02012345678,china-mobile,2020-01-01,\n");
        assertLoadFails("subscribers.csv:3: msisdn: not an 11-digit mainland mobile number \"020****5678\"")
                .hasMessageNotContaining("02012345678");
    }

    @Test
    void internationalFormIsNotTheDatasetsForm() throws IOException {
        write(dir, "signaling.csv", SIGNALING_HEADER + "8613800138000,2026-11-15T08:00:00+08:00,C1\n");
        assertLoadFails("signaling.csv:2: msisdn: not an 11-digit mainland mobile number \"861****8000\"");
    }

    @Test
    void signalingForANumberNotInSubscribersIsAnError() throws IOException {
        write(dir, "signaling.csv", SIGNALING_HEADER + "13800138000,2026-11-15T08:00:00+08:00,C1\n"
                + "13912345678,2026-11-15T08:00:00+08:00,C1\n");
        assertLoadFails("signaling.csv:3: msisdn 139****5678 is not in subscribers.csv")
                .hasMessageNotContaining("13912345678");
    }

    @Test
    void timeWithoutOffset() throws IOException {
        write(dir, "signaling.csv", SIGNALING_HEADER + "13800138000,2026-11-15T08:00:00,C1\n");
        assertLoadFails("signaling.csv:2: time: not an ISO-8601 date-time with offset \"2026-11-15T08:00:00\"");
    }

    @Test
    void timeOnADayThatDoesNotExist() throws IOException {
        write(dir, "signaling.csv", SIGNALING_HEADER + "13800138000,2026-02-29T08:00:00+08:00,C1\n");
        assertLoadFails("signaling.csv:2: time: not an ISO-8601 date-time with offset \"2026-02-29T08:00:00+08:00\"");
    }

    @Test
    void unknownCarrier() throws IOException {
        write(dir, "subscribers.csv", SUBSCRIBERS + "13800138001,china-mobil,2020-01-01,\n");
        assertLoadFails("subscribers.csv:3: carrier: unknown carrier \"china-mobil\" "
                + "(known: china-mobile, china-telecom, china-unicom)");
    }

    @Test
    void wrongNumberOfFields() throws IOException {
        write(dir, "signaling.csv", SIGNALING_HEADER + "13800138000,2026-11-15T08:00:00+08:00\n");
        assertLoadFails("signaling.csv:2: expected 3 fields, found 2");
    }

    @Test
    void headerMissingAColumn() throws IOException {
        write(dir, "signaling.csv", "msisdn,timestamp,cell_id\n");
        assertLoadFails("signaling.csv:1: header: expected columns msisdn,time,cell_id, found "
                + "\"msisdn,timestamp,cell_id\" (missing time)");
    }

    @Test
    void emptyFile() throws IOException {
        write(dir, "cells.csv", "");
        assertLoadFails("cells.csv:1: empty file, expected a header row cell_id,area");
    }

    @Test
    void unterminatedQuote() throws IOException {
        write(dir, "signaling.csv", SIGNALING_HEADER + "13800138000,2026-11-15T08:00:00+08:00,\"C1\n");
        assertLoadFails("signaling.csv:2: field 3: unterminated quoted field");
    }

    @Test
    void unknownRiskArea() throws IOException {
        write(dir, "risk-areas.csv", "area\n440106\nXX\n");
        assertLoadFails("risk-areas.csv:3: area: unknown area code \"XX\"");
    }

    @Test
    void missingFile() throws IOException {
        Files.delete(dir.resolve("signaling.csv"));
        assertLoadFails("signaling.csv:0: missing (expected at " + dir.resolve("signaling.csv").toAbsolutePath()
                + ")");
    }

    @Test
    void lineNumbersCountEmptyLinesAndTheByteOrderMark() throws IOException {
        write(dir, "signaling.csv", "\uFEFF" + SIGNALING_HEADER + "\r\n13800138000,2026-11-15T08:00:00+08:00,C1\r\n"
                + "13800138000,2026-11-15T08:00:00+08:00,C7\r\n");
        assertLoadFails("signaling.csv:4: unknown cell_id \"C7\"");
    }
}
