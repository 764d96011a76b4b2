package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.OutboundPart;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMSC behaviour carriers' ESME software expects (Kannel's dlr-mask, most SMPP stacks): a submit_sm or data_sm
 * that asks for a receipt (registered_delivery bits 0-1 = 01) gets a delivery receipt once it is accepted,
 * since the gateway is where the message ends. The receipt is a deliver_sm with esm_class 0x04, the text format
 * of SMPP 3.4 Appendix B and the receipted_message_id / message_state TLVs (§5.3.2.12, §5.3.2.35), sent from
 * the service number back to the subscriber address, on the carrier's receiver binds.
 *
 * <p>Receipts are best effort: one attempt on a thread of their own (never the PDU thread, which must answer
 * first), not journaled; a receipt lost to a broken bind costs the carrier a missing DLR, not a reply. The
 * "text:" field is left empty: it would echo the subscriber's message back through logs of every hop.
 */
final class ReceiptSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReceiptSender.class);
    /** Receipt dates are in Beijing time, the carriers' own (Appendix B: YYMMDDhhmm, SMSC local time). */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMddHHmm")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final byte ESM_RECEIPT = 0x04;

    private final SessionCarrierLinks links;
    private final ThreadPoolExecutor executor;

    ReceiptSender(SessionCarrierLinks links) {
        this.links = links;
        // Bounded: a carrier asking receipts for a flood cannot grow memory; past the bound receipts are dropped.
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "smpp-receipts");
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether {@code registeredDelivery} asks for a receipt of a successful delivery (SMPP 3.4 §5.2.17). */
    static boolean wanted(byte registeredDelivery) {
        return (registeredDelivery & 0x03) == 0x01;
    }

    /** Queues the receipt of an accepted message; call after deciding ESME_ROK, never blocks. */
    void accepted(InboundMessage message, String messageId) {
        try {
            executor.execute(() -> send(message, messageId));
        } catch (RejectedExecutionException e) {
            log.debug("[{}] receipt for {} dropped: queue full", message.carrierId(), messageId);
        }
    }

    private void send(InboundMessage message, String messageId) {
        // One receipt outstanding at a time, as before pipelining: 10,000 queued receipts written at once to a
        // carrier that stopped reading would fill the socket and block the replies' writes behind them.
        DeliveryResult r = links.deliverReceipt(new OutboundPart(message.carrierId(), message.destination(),
                message.source(), ESM_RECEIPT, (byte) 0, text(messageId, message.receivedAt(), Instant.now()), null,
                null), messageId).toCompletableFuture().join();
        if (r.kind() != DeliveryResult.Kind.DELIVERED) {
            log.debug("[{}] receipt for {} not delivered: {} {}", message.carrierId(), messageId, r.kind(), r.status());
        }
    }

    /** SMPP 3.4 Appendix B: {@code id:... sub:001 dlvrd:001 submit date:... done date:... stat:DELIVRD err:000 text:}. */
    static byte[] text(String messageId, Instant submitted, Instant done) {
        return ("id:" + messageId + " sub:001 dlvrd:001 submit date:" + DATE.format(submitted) + " done date:"
                + DATE.format(done) + " stat:DELIVRD err:000 text:").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
