package io.cxmyd.gateway.smpp.esme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.SmppStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.junit.jupiter.api.Test;

/** What the SMSC's deliver_sm become: a query for the handler, a refusal status, or a counted receipt. */
class EsmeReceiverTest {

    private final List<InboundMessage> handled = new ArrayList<>();
    private final List<String> receipts = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final ReceiptLedger ledger = new ReceiptLedger(100, Duration.ofHours(1), now::get);
    private final EsmeEvents events = new EsmeEvents() {
        @Override
        public void receipt(String carrierId, ReceiptState state, boolean matched) {
            receipts.add(state.label() + (matched ? "" : " unmatched"));
        }
    };
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T01:30:00Z"), ZoneOffset.UTC);

    private EsmeReceiver receiver(Acceptance answer) {
        return new EsmeReceiver("china-mobile", m -> {
            handled.add(m);
            return answer;
        }, ledger, events, clock);
    }

    private static DeliverSm deliverSm(byte esmClass, String text) {
        DeliverSm sm = new DeliverSm();
        sm.setSourceAddrTon((byte) 1);
        sm.setSourceAddrNpi((byte) 1);
        sm.setSourceAddr("8613800138000");
        sm.setDestAddress("10086");
        sm.setEsmClass(esmClass);
        sm.setShortMessage(text.getBytes(StandardCharsets.US_ASCII));
        return sm;
    }

    @Test
    void aSubscribersMessageGoesToTheHandlerAsReceived() throws Exception {
        receiver(Acceptance.ACCEPTED).onAcceptDeliverSm(deliverSm((byte) 0, "CXMYD"));

        assertThat(handled).singleElement().satisfies(m -> {
            assertThat(m.carrierId()).isEqualTo("china-mobile");
            assertThat(m.source().address()).isEqualTo("8613800138000");
            assertThat(m.source().ton()).isEqualTo((byte) 1);
            assertThat(m.destination().address()).isEqualTo("10086");
            assertThat(new String(m.payload(), StandardCharsets.US_ASCII)).isEqualTo("CXMYD");
            assertThat(m.receivedAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void aQueryNotDurablyAcceptedIsAnsweredTryAgainLater() {
        for (Acceptance a : new Acceptance[] {Acceptance.JOURNAL_SLOW, Acceptance.JOURNAL_FAILED,
            Acceptance.NOT_TAKING, Acceptance.INTERNAL_ERROR}) {
            assertThatThrownBy(() -> receiver(a).onAcceptDeliverSm(deliverSm((byte) 0, "CXMYD"))).as(a.name())
                    .isInstanceOfSatisfying(ProcessRequestException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(0x64));
        }
    }

    @Test
    void otherRefusalsKeepTheirStatus() {
        assertThatThrownBy(() -> receiver(Acceptance.NOT_A_SERVICE_NUMBER).onAcceptDeliverSm(deliverSm((byte) 0, "x")))
                .isInstanceOfSatisfying(ProcessRequestException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(SmppStatus.ESME_RINVDSTADR.code()));
        assertThatThrownBy(() -> receiver(Acceptance.REPLIES_BACKLOGGED).onAcceptDeliverSm(deliverSm((byte) 0, "x")))
                .isInstanceOfSatisfying(ProcessRequestException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(SmppStatus.ESME_RTHROTTLED.code()));
    }

    @Test
    void beforeThePathIsAttachedMessagesAreRefusedForLater() {
        EsmeReceiver unattached = new EsmeReceiver("china-mobile", null, ledger, events, clock);
        assertThatThrownBy(() -> unattached.onAcceptDeliverSm(deliverSm((byte) 0, "CXMYD")))
                .isInstanceOfSatisfying(ProcessRequestException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(0x64));
    }

    @Test
    void aFailingHandlerMeansTryAgainLater() {
        EsmeReceiver failing = new EsmeReceiver("china-mobile", m -> {
            throw new IllegalStateException("boom");
        }, ledger, events, clock);
        assertThatThrownBy(() -> failing.onAcceptDeliverSm(deliverSm((byte) 0, "CXMYD")))
                .isInstanceOfSatisfying(ProcessRequestException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(SmppStatus.ESME_RX_T_APPN.code()));
    }

    @Test
    void aReceiptIsNeverAQueryEvenWhenItsTextHoldsTheKeyword() throws Exception {
        ledger.sent("0000abcd", new ReceiptLedger.Sent("china-mobile", 0));

        receiver(Acceptance.ACCEPTED).onAcceptDeliverSm(deliverSm((byte) 0x04,
                "id:43981 sub:001 dlvrd:001 submit date:2611210930 done date:2611210931 stat:DELIVRD err:000 text:CXMYD"));

        assertThat(handled).isEmpty();
        assertThat(receipts).containsExactly("delivered");
    }

    @Test
    void receiptTlvsWinAndAnIdNeverFiledIsCountedUnmatchedAfterItsHold() throws Exception {
        DeliverSm sm = deliverSm((byte) 0x04, "id:1 stat:DELIVRD");
        sm.setOptionalParameters(new OptionalParameter.Receipted_message_id("ffff"),
                new OptionalParameter.Message_state((byte) 5));
        EsmeReceiver receiver = receiver(Acceptance.ACCEPTED);

        receiver.onAcceptDeliverSm(sm);
        assertThat(receipts).as("held: its submit_sm_resp may still come").isEmpty();
        now.addAndGet(ReceiptLedger.HOLD.toNanos());
        receiver.onAcceptDeliverSm(deliverSm((byte) 0x04, "id:eeee stat:DELIVRD"));

        assertThat(handled).isEmpty();
        assertThat(receipts).containsExactly("unknown unmatched");
    }

    @Test
    void aReceiptThatOvertookItsSubmitSmRespIsMatchedWhenTheResponseIsFiled() throws Exception {
        receiver(Acceptance.ACCEPTED).onAcceptDeliverSm(deliverSm((byte) 0x04, "id:4660 stat:DELIVRD"));

        assertThat(ledger.sent("1234", new ReceiptLedger.Sent("china-mobile", 0))).contains(ReceiptState.DELIVERED);
    }
}
