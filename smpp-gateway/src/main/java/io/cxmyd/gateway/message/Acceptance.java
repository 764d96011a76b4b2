package io.cxmyd.gateway.message;

/**
 * The answer to a subscriber's message handed to the {@link MessageIntake}, with the SMPP command status each
 * answer is given as: the one place where a reason becomes a status (SMPP 3.4 §5.1.3).
 */
public enum Acceptance {
    /** Durably accepted: it will be answered, across a crash too. */
    ACCEPTED(SmppStatus.ESME_ROK),
    /** A delivery receipt for one of our replies: acknowledged, never taken for a query. */
    RECEIPT(SmppStatus.ESME_ROK),
    /** One part of a subscriber's multi-part message: held until the others arrive. */
    PART_HELD(SmppStatus.ESME_ROK),
    /** Draining or the carrier suspended. ESME_RX_T_APPN, "temporary app error": the SMSC keeps it and retries. */
    NOT_TAKING(SmppStatus.ESME_RX_T_APPN),
    /** The destination is not a service number of the carrier it came from. */
    NOT_A_SERVICE_NUMBER(SmppStatus.ESME_RINVDSTADR),
    /** Alphanumeric senders, short codes, landlines, foreign numbers: never answered. */
    SENDER_NOT_MOBILE(SmppStatus.ESME_RINVSRCADR),
    /** The sender is one of our own service numbers: answering would start a loop. */
    SENDER_IS_SERVICE_NUMBER(SmppStatus.ESME_RINVSRCADR),
    /** esm_class UDHI set on an empty message. */
    UDH_ON_EMPTY_MESSAGE(SmppStatus.ESME_RINVMSGLEN),
    /** The user data header claims more bytes than the message has. */
    UDH_LONGER_THAN_MESSAGE(SmppStatus.ESME_RINVMSGLEN),
    /** UCS2 with an odd byte count: the length is what is wrong, not the coding. */
    ODD_LENGTH_UCS2(SmppStatus.ESME_RINVMSGLEN),
    /** A data_coding the gateway does not read (binary, message-class codings...). */
    UNSUPPORTED_CODING(SmppStatus.ESME_RINVDCS),
    /** data_coding 15 on a runtime without GBK (a trimmed jlink image). */
    GBK_NOT_AVAILABLE(SmppStatus.ESME_RINVDCS),
    /** The carrier's replies cannot leave as fast as queries come: the SMSC slows down and retries. */
    REPLIES_BACKLOGGED(SmppStatus.ESME_RTHROTTLED),
    /** Too many parts of multi-part messages wait already: the carrier sends this part again later. */
    PARTS_FULL(SmppStatus.ESME_RTHROTTLED),
    /** The query workers' queue is full. */
    WORKERS_BUSY(SmppStatus.ESME_RTHROTTLED),
    /** The journal did not confirm the record in time: the carrier must not count the message as ours. */
    JOURNAL_SLOW(SmppStatus.ESME_RX_T_APPN),
    /** The journal failed to record it. */
    JOURNAL_FAILED(SmppStatus.ESME_RSYSERR),
    /** A bug on our side while taking it. */
    INTERNAL_ERROR(SmppStatus.ESME_RSYSERR);

    private final SmppStatus status;

    Acceptance(SmppStatus status) {
        this.status = status;
    }

    /** The command status of the response (submit_sm_resp, data_sm_resp, deliver_sm_resp). */
    public SmppStatus status() {
        return status;
    }

    /** Whether the link answers ESME_ROK: the carrier hands the message over for good. */
    public boolean taken() {
        return status == SmppStatus.ESME_ROK;
    }

    /** A short fixed phrase for a DEBUG log line; never holds message content. */
    public String reason() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
