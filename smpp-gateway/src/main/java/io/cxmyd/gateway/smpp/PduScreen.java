package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.SmppStatus;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.PDUDecomposer;

/**
 * Decides, from a whole PDU read off the wire, whether jsmpp may process it or the gateway answers it
 * itself. Pure: no I/O.
 *
 * <p>It fills two gaps of jsmpp 3.0.2's server session:
 * <ul>
 *   <li>Before the bind, jsmpp drops the connection on any request but bind and enquire_link; SMPP 3.4
 *       §2.3 asks for ESME_RINVBNDSTS instead, so those requests are answered here and the bind timer
 *       still runs. A command id that is no SMPP request at all before a bind means the peer does not speak
 *       SMPP (an HTTP probe, a port scanner): generic_nack ESME_RINVCMDID, then the connection is closed.</li>
 *   <li>jsmpp decodes a request on its PDU thread and lets a {@link RuntimeException} from a truncated body
 *       escape, so the peer never gets an answer. The requests the gateway serves are decoded here once;
 *       one that cannot be decoded is answered with generic_nack ESME_RINVCMDLEN (its command_length does
 *       not match its fields).</li>
 * </ul>
 */
final class PduScreen {

    enum Phase {
        /** Connected, no bind accepted yet (jsmpp OPEN). */
        BEFORE_BIND,
        /** Bound as transmitter, receiver or transceiver. */
        BOUND,
        /** Unbinding or closed: jsmpp handles whatever arrives. */
        OTHER
    }

    enum Action {
        /** Hand the PDU to jsmpp. */
        PASS,
        /** Write {@link Verdict#responseCommandId()} with {@link Verdict#status()} and read on. */
        ANSWER,
        /** Write the answer, then close the connection. */
        ANSWER_AND_CLOSE
    }

    record Verdict(Action action, int responseCommandId, SmppStatus status) {
        static final Verdict PASS = new Verdict(Action.PASS, 0, null);
    }

    private static final PDUDecomposer DECOMPOSER = new DefaultDecomposer();

    private PduScreen() {
    }

    static Verdict screen(Phase phase, int commandId, byte[] pdu) {
        return switch (phase) {
            case BEFORE_BIND -> beforeBind(commandId, pdu);
            case BOUND -> decodable(commandId, pdu) ? Verdict.PASS : malformed();
            case OTHER -> Verdict.PASS;
        };
    }

    private static Verdict beforeBind(int commandId, byte[] pdu) {
        switch (commandId) {
            case SMPPConstant.CID_BIND_RECEIVER, SMPPConstant.CID_BIND_TRANSMITTER,
                    SMPPConstant.CID_BIND_TRANSCEIVER:
                return decodable(commandId, pdu) ? Verdict.PASS : malformed();
            case SMPPConstant.CID_ENQUIRE_LINK, SMPPConstant.CID_ENQUIRE_LINK_RESP:
                return Verdict.PASS;
            case SMPPConstant.CID_QUERY_SM, SMPPConstant.CID_SUBMIT_SM, SMPPConstant.CID_DELIVER_SM,
                    SMPPConstant.CID_UNBIND, SMPPConstant.CID_REPLACE_SM, SMPPConstant.CID_CANCEL_SM,
                    SMPPConstant.CID_SUBMIT_MULTI, SMPPConstant.CID_DATA_SM, SMPPConstant.CID_BROADCAST_SM,
                    SMPPConstant.CID_QUERY_BROADCAST_SM, SMPPConstant.CID_CANCEL_BROADCAST_SM:
                return new Verdict(Action.ANSWER, commandId | SMPPConstant.MASK_CID_RESP,
                        SmppStatus.ESME_RINVBNDSTS);
            default:
                return new Verdict(Action.ANSWER_AND_CLOSE, SMPPConstant.CID_GENERIC_NACK,
                        SmppStatus.ESME_RINVCMDID);
        }
    }

    private static Verdict malformed() {
        return new Verdict(Action.ANSWER, SMPPConstant.CID_GENERIC_NACK, SmppStatus.ESME_RINVCMDLEN);
    }

    /** Whether jsmpp can decode the body without a runtime error; other commands are not checked. */
    private static boolean decodable(int commandId, byte[] pdu) {
        try {
            switch (commandId) {
                case SMPPConstant.CID_SUBMIT_SM -> DECOMPOSER.submitSm(pdu);
                case SMPPConstant.CID_DATA_SM -> DECOMPOSER.dataSm(pdu);
                case SMPPConstant.CID_BIND_RECEIVER, SMPPConstant.CID_BIND_TRANSMITTER,
                        SMPPConstant.CID_BIND_TRANSCEIVER -> DECOMPOSER.bind(pdu);
                default -> {
                    // jsmpp answers the rest itself (status, generic_nack or a refusal).
                }
            }
            return true;
        } catch (PDUStringException e) {
            return true; // a field too long: jsmpp answers with that field's status
        } catch (RuntimeException e) {
            return false;
        }
    }
}
