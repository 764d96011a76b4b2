package io.cxmyd.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.cxmyd.gateway.wire.GatheredWrites;
import io.cxmyd.gateway.wire.GatheringOutputStream;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.bean.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardedPduReaderTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private PduScreen.Phase phase = PduScreen.Phase.BEFORE_BIND;
    private final GuardedPduReader reader = new GuardedPduReader(4096, () -> phase, new DefaultPDUSender(), written,
            () -> "[test]");

    @AfterEach
    void stopGathering() {
        // The reader gathers on its thread across calls (in the gateway, jsmpp's reader thread of the session);
        // here that thread is the test runner's.
        GatheredWrites.stopOnThisThread();
    }

    @Test
    void whatTakingResponsesWritesLeavesInOneWriteOnceNoInputIsBuffered() throws IOException {
        List<Integer> socketWrites = new ArrayList<>();
        ByteArrayOutputStream socket = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                socketWrites.add(len);
                super.write(b, off, len);
            }
        };
        GatheringOutputStream out = new GatheringOutputStream(socket, 64 * 1024);
        // Each deliver_sm_resp taken sends the next part (here 16 octets) at once, as BindDeliveries does.
        reader.withResponses((commandId, status, sequence, pdu) -> {
            try {
                out.write(Pdus.enquireLink(sequence));
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(socketWrites).isEmpty();
            return true;
        });
        byte[] responses = concat(concat(Pdus.pdu(0x80000005, 0, 1, new byte[] {0}),
                Pdus.pdu(0x80000005, 0, 2, new byte[] {0})), Pdus.pdu(0x80000005, 0, 3, new byte[] {0}));

        assertThatThrownBy(() -> reader.readPDUHeader(stream(responses))).isInstanceOf(EOFException.class);

        assertThat(socketWrites).containsExactly(48);
    }

    @Test
    void wholePduIsReadAndHandedBack() throws IOException {
        byte[] bind = Pdus.bind(Pdus.BIND_TRANSCEIVER, 7, "cmcc", "cm-pass1");
        DataInputStream in = stream(bind);

        Command header = reader.readPDUHeader(in);

        assertThat(header.getCommandId()).isEqualTo(Pdus.BIND_TRANSCEIVER);
        assertThat(header.getSequenceNumber()).isEqualTo(7);
        assertThat(header.getCommandLength()).isEqualTo(bind.length);
        assertThat(reader.readPDU(in, header)).isEqualTo(bind);
        assertThat(written.toByteArray()).isEmpty();
    }

    @Test
    void headerClaimingTwoGigabytesIsRefusedBeforeAnyAllocation() {
        // Only the 16 header octets exist: a reader that allocated and read on would hit the end of the stream.
        DataInputStream in = stream(Pdus.header(Integer.MAX_VALUE, Pdus.BIND_TRANSCEIVER, 1));

        assertThatThrownBy(() -> reader.readPDUHeader(in)).isInstanceOf(GuardedPduReader.PduLengthException.class)
                .hasMessage("command_length 2147483647 outside [16, 4096]");
        assertThat(written.toByteArray()).isEqualTo(Pdus.pdu(Pdus.GENERIC_NACK, 0x02, 0, new byte[0]));
    }

    @Test
    void commandLengthBelowTheHeaderIsRefused() {
        assertThatThrownBy(() -> reader.readPDUHeader(stream(new byte[] {0, 0, 0, 8, 0, 0, 0, 1})))
                .isInstanceOf(GuardedPduReader.PduLengthException.class);
    }

    @Test
    void negativeCommandLengthIsRefused() {
        assertThatThrownBy(() -> reader.readPDUHeader(stream(Pdus.header(-16, 1, 1))))
                .isInstanceOf(GuardedPduReader.PduLengthException.class)
                .hasMessageContaining("4294967280");
    }

    @Test
    void commandLengthAtTheCapIsAccepted() throws IOException {
        byte[] pdu = Pdus.pdu(Pdus.ENQUIRE_LINK, 0, 3, new byte[4096 - 16]);
        assertThat(reader.readPDUHeader(stream(pdu)).getCommandLength()).isEqualTo(4096);
    }

    @Test
    void requestBeforeBindIsAnsweredAndTheNextPduIsReturned() throws IOException {
        byte[] submit = Pdus.submitSm(5, "13800138000", "10086", new byte[] {'x'});
        byte[] bind = Pdus.bind(Pdus.BIND_TRANSMITTER, 6, "cmcc", "cm-pass1");

        Command header = reader.readPDUHeader(stream(concat(submit, bind)));

        assertThat(header.getSequenceNumber()).isEqualTo(6);
        assertThat(written.toByteArray()).isEqualTo(Pdus.pdu(0x80000004, 0x04, 5, new byte[0]));
    }

    @Test
    void unknownCommandBeforeBindIsNackedAndEndsTheConnection() {
        assertThatThrownBy(() -> reader.readPDUHeader(stream(Pdus.pdu(0x12345678, 0, 9, new byte[4]))))
                .isInstanceOf(IOException.class);
        assertThat(written.toByteArray()).isEqualTo(Pdus.pdu(Pdus.GENERIC_NACK, 0x03, 9, new byte[0]));
    }

    @Test
    void truncatedStreamIsEndOfFile() {
        byte[] bind = Pdus.bind(Pdus.BIND_TRANSCEIVER, 7, "cmcc", "cm-pass1");
        byte[] cut = java.util.Arrays.copyOf(bind, bind.length - 3);
        assertThatThrownBy(() -> reader.readPDUHeader(stream(cut))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader.readPDUHeader(stream(new byte[0]))).isInstanceOf(EOFException.class);
    }

    @Test
    void boundSessionGetsItsSubmitSmThrough() throws IOException {
        phase = PduScreen.Phase.BOUND;
        byte[] submit = Pdus.submitSm(5, "13800138000", "10086", new byte[] {'x'});
        assertThat(reader.readPDUHeader(stream(submit)).getCommandId()).isEqualTo(Pdus.SUBMIT_SM);
    }

    private static DataInputStream stream(byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void pduTricklingInSlowerThanTheReadTimeoutIsGivenUpOn() {
        // One octet per read, each read one second later: a 10 s budget runs out long before the bind is whole.
        AtomicLong nanos = new AtomicLong();
        byte[] bind = Pdus.bind(Pdus.BIND_TRANSCEIVER, 7, "cmcc", "cm-pass1");
        InputStream trickle = new ByteArrayInputStream(bind) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                nanos.addAndGet(Duration.ofSeconds(1).toNanos());
                return super.read(b, off, Math.min(len, 1));
            }

            @Override
            public synchronized int read() {
                nanos.addAndGet(Duration.ofSeconds(1).toNanos());
                return super.read();
            }
        };
        GuardedPduReader slow = new GuardedPduReader(4096, Duration.ofSeconds(10), nanos::get, () -> phase,
                new DefaultPDUSender(), written, () -> "[test]");

        assertThatThrownBy(() -> slow.readPDUHeader(new DataInputStream(trickle)))
                .isInstanceOf(GuardedPduReader.PduTimeoutException.class)
                .hasMessage("PDU not complete within PT10S; closing");
        assertThat(bind.length).isGreaterThan(12);
    }

    @Test
    void pduArrivingInPiecesWithinTheReadTimeoutIsRead() throws IOException {
        AtomicLong nanos = new AtomicLong();
        byte[] bind = Pdus.bind(Pdus.BIND_TRANSCEIVER, 7, "cmcc", "cm-pass1");
        InputStream pieces = new ByteArrayInputStream(bind) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                nanos.addAndGet(Duration.ofMillis(100).toNanos());
                return super.read(b, off, Math.min(len, 5));
            }
        };
        GuardedPduReader reader = new GuardedPduReader(4096, Duration.ofSeconds(10), nanos::get, () -> phase,
                new DefaultPDUSender(), written, () -> "[test]");

        Command header = reader.readPDUHeader(new DataInputStream(pieces));

        assertThat(reader.readPDU(null, header)).isEqualTo(bind);
    }

    @Test
    void aPduAlreadyBufferedLeavesTheSocketTimeoutAloneOneStillComingCutsItAndPutsItBack() throws IOException {
        List<Integer> timeouts = new ArrayList<>();
        java.net.Socket socket = new java.net.Socket() {
            private int timeout = 30_000;

            @Override
            public synchronized void setSoTimeout(int t) {
                timeouts.add(t);
                timeout = t;
            }

            @Override
            public synchronized int getSoTimeout() {
                return timeout;
            }
        };
        byte[] bind = Pdus.bind(Pdus.BIND_TRANSCEIVER, 7, "cmcc", "cm-pass1");
        GuardedPduReader reader = new GuardedPduReader(4096, Duration.ofSeconds(10), () -> 0L, () -> phase,
                new DefaultPDUSender(), written, () -> "[test]").withReadTimeout(socket);

        reader.readPDUHeader(new DataInputStream(new ByteArrayInputStream(bind)));
        assertThat(timeouts).as("every octet was already there").isEmpty();

        InputStream nothingBuffered = new ByteArrayInputStream(bind) {
            @Override
            public synchronized int available() {
                return 0;
            }
        };
        Command header = reader.readPDUHeader(new DataInputStream(nothingBuffered));
        assertThat(reader.readPDU(null, header)).isEqualTo(bind);
        assertThat(timeouts).as("cut to what is left of 10 s for each read, then the idle timeout back")
                .containsExactly(10_000, 10_000, 30_000);
    }
}
