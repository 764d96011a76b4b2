package io.cxmyd.gateway.sms;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.SmppStatus;
import java.util.Objects;

/** What {@link TextDecoder} makes of an inbound message's bytes: text, or why it cannot be read. */
public sealed interface DecodeResult {

    /** The message's text (of this part, for a subscriber's own concatenated message). */
    record Text(String text) implements DecodeResult {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The bytes cannot be read as text; {@code why} carries the status to answer with. */
    record Rejected(Acceptance why) implements DecodeResult {
        public Rejected {
            Objects.requireNonNull(why, "why");
            if (why.taken()) {
                throw new IllegalArgumentException("a rejection is not " + why);
            }
        }

        /** The SMPP command status to answer. */
        public SmppStatus status() {
            return why.status();
        }
    }
}
