package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.SmppStatus;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.SubmitSmResult;
import org.junit.jupiter.api.Test;

/**
 * The bind's request listener without a socket: jsmpp's decoded PDUs in, the {@link Acceptance} of the
 * intake out as the status of the response it writes (what it refuses before the intake, it throws to jsmpp
 * as a {@link ProcessRequestException}).
 */
class InboundDispatcherTest {

    private static final Instant NOW = Instant.parse("2026-11-21T01:30:00Z");

    private final List<InboundMessage> offered = new ArrayList<>();
    private final BindRegistry registry = new BindRegistry(BindListener.NONE);
    private Acceptance answer = Acceptance.ACCEPTED;
    /** What the dispatcher writes itself: the responses to submit_sm and data_sm. */
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final DeferredResponses responses = new DeferredResponses(new DefaultPDUSender(), wire);

    private InboundDispatcher dispatcher(BindType type) {
        return new InboundDispatcher(boundAs(type), m -> {
            offered.add(m);
            return answer;
        }, Clock.fixed(NOW, ZoneOffset.UTC), new ReceiptSender(new SessionCarrierLinks(registry)),
                responses);
    }

    /** command_status of the last response the dispatcher wrote. */
    private int lastStatus() {
        ByteBuffer b = ByteBuffer.wrap(wire.toByteArray());
        int status = -1;
        while (b.remaining() >= 16) {
            int length = b.getInt(b.position());
            status = b.getInt(b.position() + 8);
            b.position(b.position() + length);
        }
        return status;
    }

    private static SubmitSm submitSm(String text) {
        SubmitSm s = new SubmitSm();
        s.setSourceAddrTon((byte) 0);
        s.setSourceAddrNpi((byte) 1);
        s.setSourceAddr("13800138000");
        s.setDestAddrTon((byte) 0);
        s.setDestAddrNpi((byte) 1);
        s.setDestAddress("10086");
        s.setShortMessage(text.getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    private static int refusedWith(ThrowingCall call) {
        try {
            call.run();
        } catch (ProcessRequestException e) {
            return e.getErrorCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void anAcceptedSubmitSmIsHandedOverAsItCameAndGetsAMessageId() throws Exception {
        SubmitSmResult r = dispatcher(BindType.TRANSCEIVER).onAcceptSubmitSm(submitSm("CXMYD"), null);

        assertThat(r.getMessageId()).matches("[0-9a-f]{16}");
        InboundMessage m = offered.get(0);
        assertThat(m.carrierId()).isEqualTo("cm");
        assertThat(m.source().address()).isEqualTo("13800138000");
        assertThat(m.destination().address()).isEqualTo("10086");
        assertThat(new String(m.payload(), StandardCharsets.US_ASCII)).isEqualTo("CXMYD");
        assertThat(m.receivedAt()).isEqualTo(NOW);
        assertThat(m.dataSm()).isFalse();
    }

    @Test
    void eachRefusalIsAnsweredWithItsOwnStatus() throws Exception {
        InboundDispatcher d = dispatcher(BindType.TRANSCEIVER);
        for (Acceptance refusal : List.of(Acceptance.NOT_A_SERVICE_NUMBER, Acceptance.JOURNAL_SLOW,
                Acceptance.REPLIES_BACKLOGGED, Acceptance.ODD_LENGTH_UCS2)) {
            answer = refusal;
            d.onAcceptSubmitSm(submitSm("CXMYD"), null);
            assertThat(lastStatus()).as(refusal.name()).isEqualTo(refusal.status().code());
        }
    }

    @Test
    void anIntakeThatThrowsIsAnsweredWithASystemError() throws Exception {
        InboundDispatcher d = new InboundDispatcher(boundAs(BindType.TRANSCEIVER), m -> {
            throw new IllegalStateException("bug");
        }, Clock.fixed(NOW, ZoneOffset.UTC), new ReceiptSender(new SessionCarrierLinks(registry)),
                responses);

        d.onAcceptSubmitSm(submitSm("CXMYD"), null);
        assertThat(lastStatus()).isEqualTo(SmppStatus.ESME_RSYSERR.code());
    }

    @Test
    void anAcceptedSubmitSmIsAnsweredOnceWithTheMessageIdItReturnedToJsmpp() throws Exception {
        SubmitSmResult r = dispatcher(BindType.TRANSCEIVER).onAcceptSubmitSm(submitSm("CXMYD"), null);
        int written = wire.size();

        // jsmpp then writes its own response to the result: skipped, the dispatcher's already went out.
        responses.sendSubmitSmResp(wire, 1, r.getMessageId());

        assertThat(wire.size()).isEqualTo(written);
        assertThat(lastStatus()).isZero();
        assertThat(new String(wire.toByteArray(), 16, 16, StandardCharsets.US_ASCII)).isEqualTo(r.getMessageId());
    }

    @Test
    void dataSmTravelsInMessagePayloadAndIsMarkedAsDataSm() throws Exception {
        DataSm d = new DataSm();
        d.setSourceAddr("13800138000");
        d.setDestAddress("10086");
        d.setOptionalParameters(new OptionalParameter.Message_payload("cxmyd".getBytes(StandardCharsets.US_ASCII)));

        dispatcher(BindType.TRANSMITTER).onAcceptDataSm(d, null);

        assertThat(offered.get(0).dataSm()).isTrue();
        assertThat(new String(offered.get(0).payload(), StandardCharsets.US_ASCII)).isEqualTo("cxmyd");
    }

    @Test
    void dataSmOnAReceiverBindIsRefusedBeforeTheIntake() {
        DataSm d = new DataSm();
        d.setSourceAddr("13800138000");
        d.setDestAddress("10086");

        assertThat(refusedWith(() -> dispatcher(BindType.RECEIVER).onAcceptDataSm(d, null)))
                .isEqualTo(SmppStatus.ESME_RINVBNDSTS.code());
        assertThat(offered).isEmpty();
    }

    @Test
    void whatAnSmscStoresForLaterIsNotSupported() {
        assertThat(refusedWith(() -> dispatcher(BindType.TRANSCEIVER).onAcceptQuerySm(new QuerySm(), null)))
                .isEqualTo(SmppStatus.ESME_RINVCMDID.code());
    }

    private ServerBind boundAs(BindType type) {
        ServerBind bind = new ServerBind(registry, InetAddress.getLoopbackAddress(), "127.0.0.1:40000", b -> {
        });
        bind.identify("cm", type);
        return bind;
    }
}
