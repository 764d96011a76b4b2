package io.cxmyd.gateway.smpp.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartCollectorTest {

    private final PartCollector collector = new PartCollector();

    @Test
    void aReplyIsCompleteOnlyWhenItsLastUdhPartArrivesInAnyOrder() {
        byte[] second = {5, 0x00, 3, 42, 2, 2, 'c', 'd'};
        byte[] first = {5, 0x00, 3, 42, 2, 1, 'a', 'b'};
        assertThat(collector.add("13800138000", (byte) 0x40, (byte) 0, second, null)).isNull();
        PartCollector.Complete reply = collector.add("13800138000", (byte) 0x40, (byte) 0, first, null);
        assertThat(reply.parts()).isEqualTo(2);
        assertThat(new String(reply.body())).isEqualTo("abcd");
        assertThat(collector.incomplete()).isZero();
    }

    @Test
    void sarPartsOfTwoSubscribersWithTheSameReferenceStayApart() {
        assertThat(collector.add("13800138000", (byte) 0, (byte) 0, "a".getBytes(), new int[] {7, 2, 1})).isNull();
        assertThat(collector.add("13800138001", (byte) 0, (byte) 0, "x".getBytes(), new int[] {7, 2, 1})).isNull();
        PartCollector.Complete reply = collector.add("13800138000", (byte) 0, (byte) 0, "b".getBytes(),
                new int[] {7, 2, 2});
        assertThat(new String(reply.body())).isEqualTo("ab");
        assertThat(collector.incomplete()).isEqualTo(1);
    }

    @Test
    void aSinglePartWithoutConcatenationIsAWholeReply() {
        PartCollector.Complete reply = collector.add("13800138000", (byte) 0, (byte) 0, "ECHO".getBytes(), null);
        assertThat(reply.parts()).isEqualTo(1);
        assertThat(new String(reply.body())).isEqualTo("ECHO");
    }
}
