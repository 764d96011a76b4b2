package io.cxmyd.gateway.smpp.esme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HexFormat;
import org.jsmpp.bean.Command;
import org.junit.jupiter.api.Test;

class SmscPduReaderTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] read(String pdu) throws Exception {
        SmscPduReader reader = new SmscPduReader();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(hex(pdu)));
        Command header = reader.readPDUHeader(in);
        return reader.readPDU(in, header);
    }

    @Test
    void aBodilessRefusedBindTransceiverRespGetsAnEmptySystemId() throws Exception {
        // bind_transceiver_resp, ESME_RALYBND, sequence 1, no body (SMPP 3.4 §4.1)
        assertThat(read("00000010 80000009 00000005 00000001"))
                .isEqualTo(hex("00000011 80000009 00000005 00000001 00"));
    }

    @Test
    void bindTransmitterAndReceiverRespAreTreatedAlike() throws Exception {
        assertThat(read("00000010 80000002 0000000d 00000007")).hasSize(17);
        assertThat(read("00000010 80000001 0000000d 00000007")).hasSize(17);
    }

    @Test
    void aSuccessfulOrBodiedBindRespIsLeftAsItIs() throws Exception {
        assertThat(read("00000010 80000009 00000000 00000001")).hasSize(16);
        assertThat(read("00000015 80000009 00000005 00000001 736d736300")).hasSize(21);
    }

    @Test
    void otherBodilessResponsesAreLeftAsTheyAre() throws Exception {
        assertThat(read("00000010 80000015 00000000 00000003")).hasSize(16); // enquire_link_resp
        assertThat(read("00000010 80000000 00000003 00000003")).hasSize(16); // generic_nack
    }

    @Test
    void theStatusOfARefusedBindIsKeptForTheCaller() throws Exception {
        SmscPduReader reader = new SmscPduReader();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(hex("00000010 80000009 00000005 00000001")));
        reader.readPDU(in, reader.readPDUHeader(in));
        assertThat(reader.refusal()).isEqualTo(0x05);
    }

    @Test
    void aHugeCommandLengthClosesTheLinkWithoutAllocating() {
        assertThatThrownBy(() -> read("7fffffff 80000004 00000000 00000001")).isInstanceOf(IOException.class);
    }

    @Test
    void aTruncatedPduIsAnError() {
        assertThatThrownBy(() -> read("00000020 80000004 00000000 00000001 3132")).isInstanceOf(IOException.class);
    }

    @Test
    void aDeliverSmTakenOnTheReaderNeverReachesJsmpp() throws Exception {
        byte[] deliverSm = EsmeReceiverTest.deliverSmPdu((byte) 0, "CXMYD");
        byte[] enquireLink = hex("00000010 00000015 00000000 00000009");
        java.util.List<byte[]> taken = new java.util.ArrayList<>();
        SmscPduReader reader = new SmscPduReader().withRequests((commandId, pdu) -> taken.add(pdu));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(concat(deliverSm, enquireLink)));

        Command header = reader.readPDUHeader(in);

        assertThat(taken).singleElement().isEqualTo(deliverSm);
        assertThat(header.getCommandId()).as("jsmpp's next PDU").isEqualTo(0x00000015);
        assertThat(reader.readPDU(in, header)).isEqualTo(enquireLink);
    }

    @Test
    void aDeliverSmDeclinedOnTheReaderReachesJsmppWhole() throws Exception {
        byte[] deliverSm = EsmeReceiverTest.deliverSmPdu((byte) 0, "CXMYD");
        SmscPduReader reader = new SmscPduReader().withRequests((commandId, pdu) -> false);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(deliverSm));

        Command header = reader.readPDUHeader(in);

        assertThat(header.getCommandId()).isEqualTo(0x00000005);
        assertThat(reader.readPDU(in, header)).isEqualTo(deliverSm);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void theEndOfTheConnectionIsKeptForTheCallerButAReadTimeoutIsNot() throws Exception {
        SmscPduReader reader = new SmscPduReader();
        DataInputStream quiet = new DataInputStream(new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                throw new java.net.SocketTimeoutException("Read timed out");
            }
        });
        assertThatThrownBy(() -> reader.readPDUHeader(quiet)).isInstanceOf(java.net.SocketTimeoutException.class);
        assertThat(reader.ended()).as("a quiet SMSC").isFalse();

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(hex("00000010 80000009 00000000 00000001")));
        reader.readPDU(in, reader.readPDUHeader(in));
        assertThat(reader.ended()).as("after a bind_resp").isFalse();
        assertThatThrownBy(() -> reader.readPDUHeader(in)).isInstanceOf(java.io.EOFException.class);
        assertThat(reader.ended()).as("the SMSC closed the connection").isTrue();
    }
}
