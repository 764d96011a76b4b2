package io.cxmyd.gateway.smpp.esme;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a delivery receipt (deliver_sm with esm_class 0x04) says: which message, in which state. The TLVs
 * receipted_message_id and message_state win when present (SMPP 3.4 §5.3.2.12, §5.3.2.35); otherwise the
 * text of Appendix B, {@code id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:... done date:... stat:DDDDDDD err:E
 * text:...}, which most SMSCs send alike. Pure.
 *
 * @param messageId the id the SMSC gave the submit_sm, as written in the receipt
 * @param state the state reported
 */
public record DeliveryReceipt(String messageId, ReceiptState state) {

    private static final Pattern ID = Pattern.compile("(?i)\\bid:\\s*([0-9A-Za-z_-]+)");
    private static final Pattern STAT = Pattern.compile("(?i)\\bstat:\\s*([A-Za-z_]+)");

    /**
     * @param receiptedMessageId the receipted_message_id TLV, or null
     * @param messageState the message_state TLV, or -1
     * @param shortMessage short_message (the receipt text, ASCII), may be null
     * @return empty when no message id can be found
     */
    static Optional<DeliveryReceipt> parse(String receiptedMessageId, int messageState, byte[] shortMessage) {
        String text = shortMessage == null ? "" : new String(shortMessage, StandardCharsets.ISO_8859_1);
        String id = receiptedMessageId;
        if (id == null || id.isBlank()) {
            Matcher m = ID.matcher(text);
            id = m.find() ? m.group(1) : null;
        }
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        ReceiptState state;
        if (messageState >= 0) {
            state = ReceiptState.ofMessageState(messageState);
        } else {
            Matcher m = STAT.matcher(text);
            state = m.find() ? ReceiptState.ofStat(m.group(1)) : ReceiptState.UNKNOWN;
        }
        return Optional.of(new DeliveryReceipt(id.strip(), state));
    }
}
