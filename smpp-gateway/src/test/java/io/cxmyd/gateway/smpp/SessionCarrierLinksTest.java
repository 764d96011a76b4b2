package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.message.Sar;
import io.cxmyd.gateway.message.SmppAddress;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;

/**
 * What can be proven of the deliver_sm side without a socket: the TLVs a part travels with, and that a
 * carrier without a receiving bind is told so at once (the outbox then waits for one). Sending on live binds,
 * timeouts and dead binds are in SmppServerIntegrationTests and CarrierFaultsIntegrationTests.
 */
class SessionCarrierLinksTest {

    private final List<String> receiving = new ArrayList<>();
    private final ServerLinks links = ServerLinks.create(BindListener.NONE);

    private static OutboundPart part(Sar sar, byte[] payload) {
        return new OutboundPart("cm", SmppAddress.of("10086"), SmppAddress.of("13800138000"), (byte) 0, (byte) 8,
                new byte[0], sar, payload);
    }

    @Test
    void aCarrierWithoutAReceivingBindCannotBeDeliveredTo() {
        assertThat(links.canDeliver("cm")).isFalse();
        assertThat(links.deliver(part(null, null))).isEqualTo(DeliveryResult.NO_BIND);
        assertThat(links.binds()).isEmpty();
    }

    @Test
    void aPartWithSarTravelsWithTheThreeSarTlvs() {
        OptionalParameter[] tlvs = SessionCarrierLinks.tlvs(part(new Sar(7, 3, 2), null));

        assertThat(tlvs).extracting(t -> OptionalParameter.Tag.valueOf(t.tag)).containsExactly(
                OptionalParameter.Tag.SAR_MSG_REF_NUM, OptionalParameter.Tag.SAR_TOTAL_SEGMENTS,
                OptionalParameter.Tag.SAR_SEGMENT_SEQNUM);
    }

    @Test
    void aTextInMessagePayloadTravelsAsThatTlvAlone() {
        OptionalParameter[] tlvs = SessionCarrierLinks.tlvs(part(null, new byte[] {0, 0x41}));

        assertThat(tlvs).extracting(t -> OptionalParameter.Tag.valueOf(t.tag))
                .containsExactly(OptionalParameter.Tag.MESSAGE_PAYLOAD);
        assertThat(SessionCarrierLinks.tlvs(part(null, null))).isEmpty();
    }

    @Test
    void whoeverWaitsForAReceivingBindIsToldOfOneAndNotOfATransmitter() {
        links.onReceiving(receiving::add);

        links.registry().up(identified("cu", BindType.TRANSMITTER));
        links.registry().up(identified("cm", BindType.RECEIVER));

        assertThat(receiving).containsExactly("cm");
    }

    private ServerBind identified(String carrier, BindType type) {
        ServerBind bind = new ServerBind(links.registry(), InetAddress.getLoopbackAddress(), "127.0.0.1:40000", b -> {
        });
        bind.identify(carrier, type);
        return bind;
    }
}
