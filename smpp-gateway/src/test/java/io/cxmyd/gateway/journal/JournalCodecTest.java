package io.cxmyd.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.SmppAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JournalCodecTest {

    static InboundMessage message(String from) {
        return new InboundMessage("china-mobile", new SmppAddress((byte) 1, (byte) 1, from),
                new SmppAddress((byte) 0, (byte) 1, "10086"), (byte) 0x40, (byte) 0x08,
                "CXMYD".getBytes(StandardCharsets.UTF_16BE), true, Instant.parse("2026-11-21T01:30:00.123456789Z"));
    }

    static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    @Test
    void acceptedRecordKeepsEverythingTheReplyNeeds() {
        InboundMessage m = message("+8613800138000");
        JournalCodec.Scan scan = JournalCodec.scan(ByteBuffer.wrap(JournalCodec.encode(new JournalRecord.Accepted(42, m))));

        assertThat(scan.clean()).isTrue();
        JournalRecord.Accepted a = (JournalRecord.Accepted) scan.records().get(0);
        assertThat(a.id()).isEqualTo(42);
        InboundMessage back = a.message();
        assertThat(back.carrierId()).isEqualTo("china-mobile");
        assertThat(back.source()).isEqualTo(m.source());
        assertThat(back.destination()).isEqualTo(m.destination());
        assertThat(back.esmClass()).isEqualTo(m.esmClass());
        assertThat(back.dataCoding()).isEqualTo(m.dataCoding());
        assertThat(back.payload()).isEqualTo(m.payload());
        assertThat(back.dataSm()).isTrue();
        assertThat(back.receivedAt()).isEqualTo(m.receivedAt());
    }

    @Test
    void recordsReadBackInOrder() {
        byte[] bytes = concat(JournalCodec.encode(new JournalRecord.Accepted(1, message("13800138000"))),
                JournalCodec.encode(new JournalRecord.Done(1)),
                JournalCodec.encode(new JournalRecord.Accepted(2, message("13800138001"))));

        JournalCodec.Scan scan = JournalCodec.scan(ByteBuffer.wrap(bytes));

        assertThat(scan.records()).extracting(JournalRecord::id).containsExactly(1L, 1L, 2L);
        assertThat(scan.records().get(1)).isEqualTo(new JournalRecord.Done(1));
        assertThat(scan.validBytes()).isEqualTo(bytes.length);
    }

    @Test
    void recordCutShortByACrashEndsTheScanAtTheLastWholeRecord() {
        byte[] first = JournalCodec.encode(new JournalRecord.Accepted(1, message("13800138000")));
        byte[] second = JournalCodec.encode(new JournalRecord.Accepted(2, message("13800138001")));
        for (int cut = 1; cut < second.length; cut++) {
            byte[] torn = concat(first, Arrays.copyOf(second, cut));

            JournalCodec.Scan scan = JournalCodec.scan(ByteBuffer.wrap(torn));

            assertThat(scan.clean()).as("cut at " + cut).isFalse();
            assertThat(scan.records()).as("cut at " + cut).extracting(JournalRecord::id).containsExactly(1L);
            assertThat(scan.validBytes()).isEqualTo(first.length);
        }
    }

    @Test
    void flippedBitFailsTheChecksum() {
        byte[] first = JournalCodec.encode(new JournalRecord.Done(7));
        byte[] second = JournalCodec.encode(new JournalRecord.Accepted(8, message("13800138000")));
        second[second.length - 3] ^= 0x10;

        JournalCodec.Scan scan = JournalCodec.scan(ByteBuffer.wrap(concat(first, second)));

        assertThat(scan.records()).containsExactly(new JournalRecord.Done(7));
        assertThat(scan.clean()).isFalse();
    }

    @Test
    void garbageAndAbsurdLengthsYieldNothing() {
        byte[] zeros = new byte[64];
        byte[] huge = ByteBuffer.allocate(16).putInt(Integer.MAX_VALUE).putInt(0).array();
        byte[] negative = ByteBuffer.allocate(16).putInt(-5).putInt(0).array();
        byte[] unknownType = JournalCodec.encode(new JournalRecord.Done(1));
        unknownType[JournalCodec.HEADER_BYTES] = 9; // and a CRC that no longer matches either

        for (byte[] bad : new byte[][] {zeros, huge, negative, unknownType}) {
            JournalCodec.Scan scan = JournalCodec.scan(ByteBuffer.wrap(bad));
            assertThat(scan.records()).isEmpty();
            assertThat(scan.validBytes()).isZero();
        }
    }

    @Test
    void emptySegmentIsClean() {
        JournalCodec.Scan scan = JournalCodec.scan(ByteBuffer.allocate(0));
        assertThat(scan.records()).isEmpty();
        assertThat(scan.clean()).isTrue();
    }
}
