package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.Sar;
import io.cxmyd.gateway.message.SmppAddress;
import java.time.Instant;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.SubmitSm;
import org.junit.jupiter.api.Test;

class InboundMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T01:30:00Z");

    @Test
    void submitSmKeepsAddressesWithTheirTonAndNpi() {
        SubmitSm sm = submitSm(new byte[] {'C'});
        InboundMessage m = InboundMessages.fromSubmitSm("china-mobile", sm, NOW);
        assertThat(m.source()).isEqualTo(new SmppAddress((byte) 1, (byte) 1, "+8613800138000"));
        assertThat(m.destination()).isEqualTo(new SmppAddress((byte) 0, (byte) 1, "10086"));
        assertThat(m.esmClass()).isEqualTo((byte) 0x40);
        assertThat(m.dataCoding()).isEqualTo((byte) 8);
        assertThat(m.payload()).containsExactly('C');
        assertThat(m.receivedAt()).isEqualTo(NOW);
        assertThat(m.dataSm()).isFalse();
    }

    @Test
    void emptyShortMessageFallsBackToMessagePayload() {
        SubmitSm sm = submitSm(new byte[0]);
        sm.setOptionalParameters(new OptionalParameter.Message_payload(new byte[] {'X', 'Y'}));
        assertThat(InboundMessages.fromSubmitSm("c", sm, NOW).payload()).containsExactly('X', 'Y');
    }

    @Test
    void theThreeSarTlvsMakeThePartsNumbers() {
        SubmitSm sm = submitSm(new byte[] {'C'});
        sm.setOptionalParameters(OptionalParameters.newSarMsgRefNum((short) 0xfffe),
                OptionalParameters.newSarTotalSegments(3), OptionalParameters.newSarSegmentSeqnum(2));

        assertThat(InboundMessages.fromSubmitSm("c", sm, NOW).sar()).isEqualTo(new Sar(0xfffe, 3, 2));
    }

    @Test
    void withoutAllThreeSarTlvsThereIsNoSar() {
        SubmitSm sm = submitSm(new byte[] {'C'});
        sm.setOptionalParameters(OptionalParameters.newSarMsgRefNum((short) 7));

        assertThat(InboundMessages.fromSubmitSm("c", sm, NOW).sar()).isNull();
        assertThat(InboundMessages.fromSubmitSm("c", submitSm(new byte[] {'C'}), NOW).sar()).isNull();
    }

    @Test
    void dataSmWithoutPayloadHasAnEmptyOne() {
        DataSm sm = new DataSm();
        sm.setSourceAddr("13800138000");
        InboundMessage m = InboundMessages.fromDataSm("c", sm, NOW);
        assertThat(m.payload()).isEmpty();
        assertThat(m.dataSm()).isTrue();
        assertThat(m.destination().address()).isEmpty();
    }

    private static SubmitSm submitSm(byte[] text) {
        SubmitSm sm = new SubmitSm();
        sm.setSourceAddrTon((byte) 1);
        sm.setSourceAddrNpi((byte) 1);
        sm.setSourceAddr("+8613800138000");
        sm.setDestAddrTon((byte) 0);
        sm.setDestAddrNpi((byte) 1);
        sm.setDestAddress("10086");
        sm.setEsmClass((byte) 0x40);
        sm.setDataCoding((byte) 8);
        sm.setShortMessage(text);
        return sm;
    }
}
