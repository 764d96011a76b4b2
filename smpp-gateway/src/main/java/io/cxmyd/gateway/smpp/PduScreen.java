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
 *   <li>On a bound connection jsmpp queues every PDU for its processor threads before looking at it, and when
 *       that queue is full answers with the request's command_id plus 0x80000000 and ESME_RTHROTTLED, even
 *       for a command id that does not exist (0x80000999 was seen for 9,877 of 20,000 such PDUs). Unknown
 *       command ids are therefore answered here, never queued: generic_nack ESME_RINVCMDID, the bind stays up.</li>
 *   <li>A response the server never asks for (a submit_sm_resp, a bind_resp, a data_sm_resp, ...) gets
 *       generic_nack ESME_RINVCMDID here, never a response of its own kind and never a place in jsmpp's
 *       queue (where jsmpp would block its reader up to 60 s waiting for room). A generic_nack itself is
 *       never answered, so two peers cannot nack each other forever.</li>
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
        ANSWER_AND_CLOSE,
        /** Drop the PDU unanswered and read on. */
        IGNORE
    }

    record Verdict(Action action, int responseCommandId, SmppStatus status) {
        static final Verdict PASS = new Verdict(Action.PASS, 0, null);
        static final Verdict IGNORE = new Verdict(Action.IGNORE, 0, null);
    }

    private static final PDUDecomposer DECOMPOSER = new DefaultDecomposer();

    private PduScreen() {
    }

    static Verdict screen(Phase phase, int commandId, byte[] pdu) {
        return switch (phase) {
            case BEFORE_BIND -> beforeBind(commandId, pdu);
            case BOUND -> bound(commandId, pdu);
            case OTHER -> Verdict.PASS;
        };
    }

    private static Verdict bound(int commandId, byte[] pdu) {
        if (isResponse(commandId)) {
            return awaitedResponse(commandId) ? Verdict.PASS : unknownCommand();
        }
        if (!knownRequest(commandId)) {
            return unknownCommand();
        }
        return decodable(commandId, pdu) ? Verdict.PASS : malformed();
    }

    private static Verdict unknownCommand() {
        return new Verdict(Action.ANSWER, SMPPConstant.CID_GENERIC_NACK, SmppStatus.ESME_RINVCMDID);
    }

    private static boolean isResponse(int commandId) {
        return (commandId & SMPPConstant.MASK_CID_RESP) != 0;
    }

    /** The responses to what the server itself sends: deliver_sm, enquire_link, unbind (and a generic_nack). */
    private static boolean awaitedResponse(int commandId) {
        return switch (commandId) {
            case SMPPConstant.CID_DELIVER_SM_RESP, SMPPConstant.CID_ENQUIRE_LINK_RESP, SMPPConstant.CID_UNBIND_RESP,
                    SMPPConstant.CID_DATA_SM_RESP, SMPPConstant.CID_GENERIC_NACK -> true;
            default -> false;
        };
    }

    /** The SMPP 3.4 requests an ESME may send, which jsmpp answers (some with ESME_RINVCMDID of their own). */
    private static boolean knownRequest(int commandId) {
        return switch (commandId) {
            case SMPPConstant.CID_BIND_RECEIVER, SMPPConstant.CID_BIND_TRANSMITTER, SMPPConstant.CID_BIND_TRANSCEIVER,
                    SMPPConstant.CID_QUERY_SM, SMPPConstant.CID_SUBMIT_SM, SMPPConstant.CID_DELIVER_SM,
                    SMPPConstant.CID_UNBIND, SMPPConstant.CID_REPLACE_SM, SMPPConstant.CID_CANCEL_SM,
                    SMPPConstant.CID_ENQUIRE_LINK, SMPPConstant.CID_SUBMIT_MULTI, SMPPConstant.CID_DATA_SM,
                    SMPPConstant.CID_BROADCAST_SM, SMPPConstant.CID_QUERY_BROADCAST_SM,
                    SMPPConstant.CID_CANCEL_BROADCAST_SM -> true;
            default -> false;
        };
    }

    private static Verdict beforeBind(int commandId, byte[] pdu) {
        if (commandId == SMPPConstant.CID_GENERIC_NACK) {
            return Verdict.IGNORE; // a generic_nack is never answered; the bind timer still runs
        }
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
