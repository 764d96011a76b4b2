package io.cxmyd.gateway.message;

/**
 * The SMPP 3.4 command statuses the gateway answers with or acts upon (SMPP 3.4 §5.1.3). Ours, so that
 * packages outside {@code smpp} never import jsmpp.
 */
public enum SmppStatus {
    ESME_ROK(0x00000000),
    ESME_RINVMSGLEN(0x00000001),
    ESME_RINVCMDLEN(0x00000002),
    ESME_RINVCMDID(0x00000003),
    ESME_RINVBNDSTS(0x00000004),
    ESME_RALYBND(0x00000005),
    ESME_RSYSERR(0x00000008),
    ESME_RINVSRCADR(0x0000000A),
    ESME_RINVDSTADR(0x0000000B),
    ESME_RBINDFAIL(0x0000000D),
    ESME_RINVPASWD(0x0000000E),
    ESME_RINVSYSID(0x0000000F),
    ESME_RMSGQFUL(0x00000014),
    ESME_RINVESMCLASS(0x00000043),
    ESME_RINVSRCTON(0x00000048),
    ESME_RINVSRCNPI(0x00000049),
    ESME_RINVDSTTON(0x00000050),
    ESME_RINVDSTNPI(0x00000051),
    ESME_RTHROTTLED(0x00000058),
    ESME_RX_T_APPN(0x00000064),
    ESME_RX_P_APPN(0x00000065),
    ESME_RX_R_APPN(0x00000066),
    ESME_RINVOPTPARSTREAM(0x000000C0),
    ESME_RINVDCS(0x00000104),
    ESME_RUNKNOWNERR(0x000000FF);

    private final int code;

    SmppStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status for a numeric code; unknown codes map to {@link #ESME_RUNKNOWNERR}. */
    public static SmppStatus of(int code) {
        for (SmppStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return ESME_RUNKNOWNERR;
    }

    /**
     * Whether a deliver_sm answered with this status is worth sending again later: the peer is busy or
     * failed for a reason that passes (SMPP 3.4 §5.1.3; carriers use RTHROTTLED and RMSGQFUL for flow control).
     */
    public boolean isTemporary() {
        return this == ESME_RTHROTTLED || this == ESME_RMSGQFUL || this == ESME_RSYSERR || this == ESME_RX_T_APPN;
    }
}
