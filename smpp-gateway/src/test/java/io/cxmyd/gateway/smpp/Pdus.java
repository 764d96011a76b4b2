package io.cxmyd.gateway.smpp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Raw SMPP PDUs as byte arrays, for hex-level tests. */
final class Pdus {

    static final int BIND_RECEIVER = 0x01;
    static final int BIND_TRANSMITTER = 0x02;
    static final int QUERY_SM = 0x03;
    static final int SUBMIT_SM = 0x04;
    static final int DELIVER_SM = 0x05;
    static final int UNBIND = 0x06;
    static final int BIND_TRANSCEIVER = 0x09;
    static final int ENQUIRE_LINK = 0x15;
    static final int DATA_SM = 0x103;
    static final int MESSAGE_PAYLOAD = 0x0424;
    static final int GENERIC_NACK = 0x80000000;
    static final int RESP = 0x80000000;

    private Pdus() {
    }

    static byte[] pdu(int commandId, int status, int sequence, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(16 + body.length);
        b.putInt(16 + body.length).putInt(commandId).putInt(status).putInt(sequence).put(body);
        return b.array();
    }

    static byte[] header(int commandLength, int commandId, int sequence) {
        return ByteBuffer.allocate(16).putInt(commandLength).putInt(commandId).putInt(0).putInt(sequence).array();
    }

    static byte[] bind(int commandId, int sequence, String systemId, String password) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, systemId);
        cstring(body, password);
        cstring(body, "");
        body.write(0x34); // interface_version
        body.write(0); // addr_ton
        body.write(0); // addr_npi
        cstring(body, "");
        return pdu(commandId, 0, sequence, body.toByteArray());
    }

    static byte[] submitSm(int sequence, String from, String to, byte[] shortMessage) {
        return submitSm(sequence, 1, 1, from, 0, 1, to, shortMessage);
    }

    /** A submit_sm asking for a delivery receipt (registered_delivery 1). */
    static byte[] submitSmAskingReceipt(int sequence, String from, String to, byte[] shortMessage) {
        return submitSm(sequence, 1, 1, from, 0, 1, to, 1, shortMessage);
    }

    /** A submit_sm with the caller's TON and NPI on both addresses. */
    static byte[] submitSm(int sequence, int sourceTon, int sourceNpi, String from, int destTon, int destNpi,
            String to, byte[] shortMessage) {
        return submitSm(sequence, sourceTon, sourceNpi, from, destTon, destNpi, to, 0, shortMessage);
    }

    private static byte[] submitSm(int sequence, int sourceTon, int sourceNpi, String from, int destTon,
            int destNpi, String to, int registeredDelivery, byte[] shortMessage) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, "");
        body.write(sourceTon);
        body.write(sourceNpi);
        cstring(body, from);
        body.write(destTon);
        body.write(destNpi);
        cstring(body, to);
        body.write(0); // esm_class
        body.write(0); // protocol_id
        body.write(0); // priority_flag
        cstring(body, "");
        cstring(body, "");
        body.write(registeredDelivery);
        body.write(0); // replace_if_present
        body.write(0); // data_coding
        body.write(0); // sm_default_msg_id
        body.write(shortMessage.length);
        body.writeBytes(shortMessage);
        return pdu(SUBMIT_SM, 0, sequence, body.toByteArray());
    }

    /** A submit_sm whose sm_length, data_coding and trailing TLV octets are the caller's, whatever the payload. */
    static byte[] submitSm(int sequence, int dataCoding, int smLength, byte[] shortMessage, byte[] tlvs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, "");
        body.write(1);
        body.write(1);
        cstring(body, "13800138000");
        body.write(0);
        body.write(1);
        cstring(body, "10086");
        body.write(0); // esm_class
        body.write(0); // protocol_id
        body.write(0); // priority_flag
        cstring(body, "");
        cstring(body, "");
        body.write(0); // registered_delivery
        body.write(0); // replace_if_present
        body.write(dataCoding);
        body.write(0); // sm_default_msg_id
        body.write(smLength);
        body.writeBytes(shortMessage);
        body.writeBytes(tlvs);
        return pdu(SUBMIT_SM, 0, sequence, body.toByteArray());
    }

    static byte[] dataSm(int sequence, String from, String to, byte[] tlvs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, "");
        body.write(1);
        body.write(1);
        cstring(body, from);
        body.write(0);
        body.write(1);
        cstring(body, to);
        body.write(0); // esm_class
        body.write(0); // registered_delivery
        body.write(0); // data_coding
        body.writeBytes(tlvs);
        return pdu(DATA_SM, 0, sequence, body.toByteArray());
    }

    /** A TLV whose length field says {@code length}, whatever the value's real size. */
    static byte[] tlv(int tag, int length, byte[] value) {
        return ByteBuffer.allocate(4 + value.length).putShort((short) tag).putShort((short) length).put(value).array();
    }

    static byte[] enquireLink(int sequence) {
        return pdu(ENQUIRE_LINK, 0, sequence, new byte[0]);
    }

    private static void cstring(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
    }
}
