package io.cxmyd.gateway.smpp.esme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReceiptLedgerTest {

    private final AtomicLong now = new AtomicLong();
    private final ReceiptLedger ledger = new ReceiptLedger(100, Duration.ofHours(1), now::get);

    private void sent(String id) {
        ledger.sent(id, new ReceiptLedger.Sent("china-mobile", now.get()));
    }

    @Test
    void theSameIdMatches() {
        sent("1a2b3c4d");
        assertThat(ledger.receipt("1a2b3c4d", ReceiptState.DELIVERED)).isPresent();
    }

    @Test
    void aHexIdMatchesItsDecimalForm() {
        sent("000000ff"); // submit_sm_resp in hex, padded
        assertThat(ledger.receipt("255", ReceiptState.DELIVERED)).isPresent();
    }

    @Test
    void aDecimalIdMatchesItsHexForm() {
        sent("4294967296");
        assertThat(ledger.receipt("100000000", ReceiptState.DELIVERED)).isPresent();
    }

    @Test
    void leadingZerosAndCaseDoNotMatter() {
        sent("00ABCDEF");
        assertThat(ledger.receipt("abcdef", ReceiptState.DELIVERED)).isPresent();
        sent("msg-77");
        assertThat(ledger.receipt("MSG-77", ReceiptState.UNDELIVERABLE)).isPresent();
    }

    @Test
    void anUnknownIdDoesNotMatch() {
        sent("1a2b3c4d");
        assertThat(ledger.receipt("1a2b3c4e", ReceiptState.DELIVERED)).isEmpty();
    }

    @Test
    void aFinalReceiptMatchesOnceAnIntermediateOneLeavesItForTheFinal() {
        sent("42");
        assertThat(ledger.receipt("42", ReceiptState.ENROUTE)).isPresent();
        assertThat(ledger.receipt("42", ReceiptState.DELIVERED)).isPresent();
        assertThat(ledger.receipt("42", ReceiptState.DELIVERED)).isEmpty();
        assertThat(ledger.size()).isZero();
    }

    @Test
    void entriesOlderThanTheirAgeAreForgotten() {
        sent("42");
        now.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(ledger.receipt("42", ReceiptState.DELIVERED)).isEmpty();
    }

    @Test
    void theOldestGoWhenFull() {
        ReceiptLedger small = new ReceiptLedger(2, Duration.ofHours(1), now::get);
        small.sent("a1", new ReceiptLedger.Sent("c", 0));
        small.sent("a2", new ReceiptLedger.Sent("c", 0));
        small.sent("a3", new ReceiptLedger.Sent("c", 0));
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.receipt("a1", ReceiptState.DELIVERED)).isEmpty();
        assertThat(small.receipt("a3", ReceiptState.DELIVERED)).isPresent();
    }

    @Test
    void aReceiptThatOvertakesItsSubmitSmRespIsMatchedWhenTheIdIsFiled() {
        ledger.hold("255", ReceiptState.DELIVERED);

        assertThat(ledger.sent("000000ff", new ReceiptLedger.Sent("china-mobile", 0)))
                .contains(ReceiptState.DELIVERED);
        assertThat(ledger.size()).as("a final state files nothing").isZero();
        assertThat(ledger.takeExpiredHolds()).isZero();
    }

    @Test
    void anOvertakingIntermediateReceiptLeavesTheIdFiledForTheFinalOne() {
        ledger.hold("42", ReceiptState.ENROUTE);
        assertThat(ledger.sent("42", new ReceiptLedger.Sent("china-mobile", 0))).contains(ReceiptState.ENROUTE);
        assertThat(ledger.receipt("42", ReceiptState.DELIVERED)).isPresent();
    }

    @Test
    void aHeldReceiptWhoseIdNeverComesIsUnmatchedOnceItsHoldIsOver() {
        ledger.hold("abc", ReceiptState.DELIVERED);
        assertThat(ledger.takeExpiredHolds()).isZero();

        now.addAndGet(ReceiptLedger.HOLD.toNanos());

        assertThat(ledger.takeExpiredHolds()).isEqualTo(1);
        assertThat(ledger.takeExpiredHolds()).as("counted once").isZero();
        assertThat(ledger.sent("abc", new ReceiptLedger.Sent("china-mobile", 0))).isEmpty();
    }

    @Test
    void receiptTextIsReadWhenThereAreNoTlvs() {
        byte[] text = ("id:0000000255 sub:001 dlvrd:001 submit date:2611210930 done date:2611210931 "
                + "stat:DELIVRD err:000 text:").getBytes(StandardCharsets.US_ASCII);
        DeliveryReceipt r = DeliveryReceipt.parse(null, -1, text).orElseThrow();
        assertThat(r.messageId()).isEqualTo("0000000255");
        assertThat(r.state()).isEqualTo(ReceiptState.DELIVERED);
    }

    @Test
    void tlvsWinOverTheText() {
        byte[] text = "id:1 stat:UNDELIV".getBytes(StandardCharsets.US_ASCII);
        DeliveryReceipt r = DeliveryReceipt.parse("ff", 3, text).orElseThrow();
        assertThat(r.messageId()).isEqualTo("ff");
        assertThat(r.state()).isEqualTo(ReceiptState.EXPIRED);
    }

    @Test
    void aReceiptWithoutAnIdIsNotMatched() {
        assertThat(DeliveryReceipt.parse(null, -1, "stat:DELIVRD".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(DeliveryReceipt.parse(null, -1, null)).isEmpty();
    }

    @Test
    void everyStatWordIsRead() {
        assertThat(ReceiptState.ofStat("UNDELIV")).isEqualTo(ReceiptState.UNDELIVERABLE);
        assertThat(ReceiptState.ofStat("rejectd")).isEqualTo(ReceiptState.REJECTED);
        assertThat(ReceiptState.ofStat("DELIVERED")).isEqualTo(ReceiptState.DELIVERED);
        assertThat(ReceiptState.ofStat("XYZ")).isEqualTo(ReceiptState.UNKNOWN);
        assertThat(ReceiptState.ofMessageState(2)).isEqualTo(ReceiptState.DELIVERED);
        assertThat(ReceiptState.ofMessageState(99)).isEqualTo(ReceiptState.UNKNOWN);
    }

    @Test
    void aReceiptHeldBeforeItsResponseIsMatchedWhenTheResponseComes() {
        assertThat(ledger.receiptOrHold("77", ReceiptState.DELIVERED)).isEmpty();
        assertThat(ledger.sent("77", new ReceiptLedger.Sent("china-mobile", 0))).contains(ReceiptState.DELIVERED);
        assertThat(ledger.takeExpiredHolds()).isZero();
        assertThat(ledger.size()).as("a final state is not filed").isZero();
    }

    /**
     * With a transmitter and a receiver, a receipt and the submit_sm_resp it reports on are read by two threads.
     * Every receipt must end matched, whichever comes first; as a lookup and a hold in two steps, a response
     * filed in between was missed and its receipt expired unmatched.
     */
    @Test
    void aReceiptAndItsResponseOnTwoThreadsAlwaysMeet() {
        ReceiptLedger big = new ReceiptLedger(1_000_000, Duration.ofHours(1), now::get);
        int n = 9_000; // below the ledger's bound of held receipts
        AtomicLong matched = new AtomicLong();
        CompletableFuture<Void> responses = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < n; i++) {
                if (big.sent("m" + i, new ReceiptLedger.Sent("c", 0)).isPresent()) {
                    matched.incrementAndGet();
                }
            }
        });
        CompletableFuture<Void> receipts = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < n; i++) {
                if (big.receiptOrHold("m" + i, ReceiptState.DELIVERED).isPresent()) {
                    matched.incrementAndGet();
                }
            }
        });
        CompletableFuture.allOf(responses, receipts).join();
        now.addAndGet(Duration.ofHours(2).toNanos());
        assertThat(big.takeExpiredHolds()).as("receipts that never met their response").isZero();
        assertThat(matched.get()).isEqualTo(n);
    }
}
