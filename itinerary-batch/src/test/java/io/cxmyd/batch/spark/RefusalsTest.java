package io.cxmyd.batch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RefusalsTest {

    private static long lineAt(String file, long offset) throws IOException {
        return Refusals.lineAt(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), offset);
    }

    @Test
    void aByteOffsetBecomesTheLineNumberTheLocalSourceReports() throws IOException {
        String csv = "msisdn,time,cell_id\n13800138000,x,C1\n\n13800138001,y,C2\r\n13800138002,z,C3\n";

        assertThat(lineAt(csv, 0)).isEqualTo(1);
        assertThat(lineAt(csv, csv.indexOf("13800138000"))).isEqualTo(2);
        assertThat(lineAt(csv, csv.indexOf("13800138001"))).isEqualTo(4); // the empty line still counts
        assertThat(lineAt(csv, csv.indexOf("13800138002"))).isEqualTo(5);
    }

    @Test
    void packedRegistryDaysRoundTripIncludingNoPortIn() {
        long packed = Rows.packDays(20_000, Integer.MIN_VALUE);

        assertThat(Rows.activatedOn(packed)).isEqualTo(20_000);
        assertThat(Rows.portedOn(packed)).isEqualTo(Integer.MIN_VALUE);
        assertThat(Rows.portedOn(Rows.packDays(-5, 19_000))).isEqualTo(19_000);
        assertThat(Rows.activatedOn(Rows.packDays(-5, 19_000))).isEqualTo(-5);
    }
}
