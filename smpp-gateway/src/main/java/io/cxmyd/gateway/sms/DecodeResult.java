package io.cxmyd.gateway.sms;

import io.cxmyd.gateway.smpp.SmppStatus;
import java.util.Objects;

/** What {@link TextDecoder} makes of an inbound message's bytes: text, or the status to answer with. */
public sealed interface DecodeResult {

    /** The message's text (of this part, for a subscriber's own concatenated message). */
    record Text(String text) implements DecodeResult {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The bytes cannot be read as text: answer submit_sm_resp / data_sm_resp with {@code status}.
     *
     * @param status the SMPP command status to answer
     * @param reason a short fixed phrase for a DEBUG log line; never holds message content
     */
    record Rejected(SmppStatus status, String reason) implements DecodeResult {
        public Rejected {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
