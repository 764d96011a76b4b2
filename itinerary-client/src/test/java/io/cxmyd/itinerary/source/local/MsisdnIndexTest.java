package io.cxmyd.itinerary.source.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MsisdnIndexTest {

    @Test
    void growsPastItsFirstSizeAndFindsEveryKey() {
        MsisdnIndex index = new MsisdnIndex(4);
        for (int i = 0; i < 100_000; i++) {
            assertThat(index.putIfAbsent(13_800_000_000L + i * 7L, i)).isEqualTo(-1);
        }
        for (int i = 0; i < 100_000; i++) {
            assertThat(index.get(13_800_000_000L + i * 7L)).isEqualTo(i);
        }
        assertThat(index.get(13_800_000_001L)).isEqualTo(-1);
        assertThat(index.size()).isEqualTo(100_000);
    }

    @Test
    void aSecondPutReturnsTheFirstRow() {
        MsisdnIndex index = new MsisdnIndex(4);
        index.putIfAbsent(19_999_999_999L, 536_870_911);
        assertThat(index.putIfAbsent(19_999_999_999L, 3)).isEqualTo(536_870_911);
        assertThat(index.get(19_999_999_999L)).isEqualTo(536_870_911);
    }

    @Test
    void keysAreElevenDigitMobileNumbersOnly() {
        byte[] b = "13800138000 02012345678 1380013800 1380013800a 12800138000".getBytes(StandardCharsets.US_ASCII);
        assertThat(MsisdnIndex.key(b, 0, 11)).isEqualTo(13_800_138_000L);
        assertThat(MsisdnIndex.key(b, 12, 23)).isEqualTo(-1);
        assertThat(MsisdnIndex.key(b, 24, 34)).isEqualTo(-1);
        assertThat(MsisdnIndex.key(b, 35, 46)).isEqualTo(-1);
        assertThat(MsisdnIndex.key(b, 47, 58)).isEqualTo(-1);
    }
}
