package io.cxmyd.gateway.query;

import static io.cxmyd.gateway.query.PathFixtures.CM;
import static io.cxmyd.gateway.query.PathFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.Sar;
import io.cxmyd.gateway.message.SmppAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Reading a part's numbers from byte fixtures, the good ones and the broken ones. */
class MessagePartTest {

    private static InboundMessage withUdh(String hex) {
        return new InboundMessage(CM, SmppAddress.of("13800138000"), SmppAddress.of("10086"), InboundMessage.UDHI,
                (byte) 0, HexFormat.of().parseHex(hex), false, NOW);
    }

    @Test
    void anEightBitReferenceHeader() {
        MessagePart p = MessagePart.of(withUdh("050003" + "2a" + "03" + "02" + "4142"));

        assertThat(p.scheme()).isEqualTo(MessagePart.Scheme.UDH_8BIT);
        assertThat(p.reference()).isEqualTo(0x2a);
        assertThat(p.total()).isEqualTo(3);
        assertThat(p.sequence()).isEqualTo(2);
        assertThat(p.body()).containsExactly(0x41, 0x42);
    }

    @Test
    void aSixteenBitReferenceHeader() {
        MessagePart p = MessagePart.of(withUdh("060804" + "beef" + "02" + "01" + "43"));

        assertThat(p.scheme()).isEqualTo(MessagePart.Scheme.UDH_16BIT);
        assertThat(p.reference()).isEqualTo(0xbeef);
        assertThat(p.sequence()).isEqualTo(1);
        assertThat(p.body()).containsExactly(0x43);
    }

    @Test
    void theConcatenationElementIsFoundAfterAnotherOne() {
        // IEI 0x24 (national language single shift, 1 octet) first, then the 8-bit concatenation element.
        MessagePart p = MessagePart.of(withUdh("08" + "240101" + "000307" + "0201" + "41"));

        assertThat(p.reference()).isEqualTo(7);
        assertThat(p.body()).containsExactly(0x41);
    }

    @Test
    void sarTlvsMakeAPartWithTheWholePayloadAsBody() {
        InboundMessage m = new InboundMessage(CM, SmppAddress.of("13800138000"), SmppAddress.of("10086"), (byte) 0,
                (byte) 0, new byte[] {0x41}, false, NOW, new Sar(513, 2, 2));

        MessagePart p = MessagePart.of(m);

        assertThat(p.scheme()).isEqualTo(MessagePart.Scheme.SAR);
        assertThat(p.reference()).isEqualTo(513);
        assertThat(p.body()).containsExactly(0x41);
    }

    @Test
    void messagesThatAreNotPartsAreReadAlone() {
        assertThat(MessagePart.of(PathFixtures.query("CXMYD"))).as("no header").isNull();
        assertThat(MessagePart.of(withUdh("050003070101" + "41"))).as("one part of one").isNull();
        assertThat(MessagePart.of(withUdh("050003070200" + "41"))).as("part 0").isNull();
        assertThat(MessagePart.of(withUdh("050003070203" + "41"))).as("part 3 of 2").isNull();
        assertThat(MessagePart.of(withUdh("03240101" + "41"))).as("no concatenation element").isNull();
    }

    @Test
    void brokenHeadersAreNotParts() {
        assertThat(MessagePart.of(withUdh(""))).as("empty").isNull();
        assertThat(MessagePart.of(withUdh("0900030702"))).as("header longer than the message").isNull();
        assertThat(MessagePart.of(withUdh("03000907" + "41"))).as("element longer than the header").isNull();
        assertThat(MessagePart.of(withUdh("04000207" + "02" + "41"))).as("8-bit element of the wrong length").isNull();
    }
}
