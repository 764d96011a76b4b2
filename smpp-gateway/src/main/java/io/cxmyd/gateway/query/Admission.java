package io.cxmyd.gateway.query;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.sms.DecodeResult;
import io.cxmyd.gateway.sms.TextDecoder;
import io.cxmyd.itinerary.InvalidMsisdnException;
import io.cxmyd.itinerary.Msisdn;
import java.util.Objects;

/**
 * The first room: whether a message is a query the gateway answers, and what it says. Pure: the live path
 * and the journal's replay ask the same question of the same message and get the same answer.
 */
public final class Admission {

    private final ServiceDirectory directory;

    public Admission(ServiceDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** What admission makes of one message. */
    public sealed interface Result {
    }

    /** A query: from a mobile number, to a service number of its carrier, readable. */
    public record Admitted(Msisdn sender, String text) implements Result {
    }

    /** Not a query: {@code answer} says how the link responds (a receipt is taken, the rest refused). */
    public record NotAdmitted(Acceptance answer) implements Result {
    }

    /**
     * The checks of the envelope alone (receipt, destination, sender), which every part of a multi-part
     * message passes before it is held: {@code null} when they pass, else the answer.
     */
    public Acceptance screen(InboundMessage m) {
        if (m.isReceipt()) {
            return Acceptance.RECEIPT;
        }
        if (!directory.isServiceNumberOf(m.carrierId(), m.destination().address())) {
            return Acceptance.NOT_A_SERVICE_NUMBER;
        }
        if (!Msisdn.isValid(m.source().address())) {
            return Acceptance.SENDER_NOT_MOBILE;
        }
        if (directory.isOwnNumber(m.source().address())) {
            return Acceptance.SENDER_IS_SERVICE_NUMBER;
        }
        return null;
    }

    /** The envelope's checks, then the text: a whole message (one part, or put together). */
    public Result admit(InboundMessage m) {
        Acceptance refused = screen(m);
        if (refused != null) {
            return new NotAdmitted(refused);
        }
        Msisdn sender;
        try {
            sender = Msisdn.parse(m.source().address());
        } catch (InvalidMsisdnException e) {
            return new NotAdmitted(Acceptance.SENDER_NOT_MOBILE);
        }
        DecodeResult decoded = TextDecoder.decode(m);
        if (decoded instanceof DecodeResult.Rejected r) {
            return new NotAdmitted(r.why());
        }
        return new Admitted(sender, ((DecodeResult.Text) decoded).text());
    }
}
