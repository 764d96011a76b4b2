package io.cxmyd.gateway.journal;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.SmppAddress;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The bytes of journal records: pure, no I/O. A record is {@code length:int32 crc32c:int32 type:int8 body},
 * big-endian, the CRC over type and body. A crash can leave the last record of a segment cut short, so
 * {@link #scan} stops at the first record that is short, too long or fails its CRC and reports where the
 * good bytes end.
 */
public final class JournalCodec {

    static final byte ACCEPTED = 1;
    static final byte DONE = 2;
    static final int HEADER_BYTES = 8;
    /** Far above the largest record (a PDU is capped well below 64 KiB): a bigger length is garbage. */
    static final int MAX_RECORD_BYTES = 1 << 20;

    private JournalCodec() {
    }

    /** What {@link #scan} read: the records, and how many leading bytes hold them. */
    public record Scan(List<JournalRecord> records, int validBytes, boolean clean) {
    }

    public static byte[] encode(JournalRecord record) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(body)) {
            out.writeInt(0);
            out.writeInt(0);
            if (record instanceof JournalRecord.Accepted a) {
                out.writeByte(ACCEPTED);
                writeAccepted(out, a);
            } else {
                out.writeByte(DONE);
                out.writeLong(record.id());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        byte[] bytes = body.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
        ByteBuffer.wrap(bytes).putInt(bytes.length - HEADER_BYTES).putInt((int) crc.getValue());
        return bytes;
    }

    private static void writeAccepted(DataOutputStream out, JournalRecord.Accepted a) throws IOException {
        InboundMessage m = a.message();
        out.writeLong(a.id());
        out.writeLong(m.receivedAt().getEpochSecond());
        out.writeInt(m.receivedAt().getNano());
        out.writeUTF(m.carrierId());
        writeAddress(out, m.source());
        writeAddress(out, m.destination());
        out.writeByte(m.esmClass());
        out.writeByte(m.dataCoding());
        out.writeBoolean(m.dataSm());
        out.writeInt(m.payload().length);
        out.write(m.payload());
    }

    private static void writeAddress(DataOutputStream out, SmppAddress a) throws IOException {
        out.writeByte(a.ton());
        out.writeByte(a.npi());
        out.writeUTF(a.address());
    }

    /** Reads records from the buffer's position to its limit, stopping at the first bad one. */
    public static Scan scan(ByteBuffer buffer) {
        List<JournalRecord> records = new ArrayList<>();
        int start = buffer.position();
        int good = start;
        while (buffer.remaining() >= HEADER_BYTES) {
            int length = buffer.getInt();
            int crc = buffer.getInt();
            if (length < 1 || length > MAX_RECORD_BYTES || length > buffer.remaining()) {
                return new Scan(records, good - start, false);
            }
            byte[] body = new byte[length];
            buffer.get(body);
            CRC32C check = new CRC32C();
            check.update(body);
            if ((int) check.getValue() != crc) {
                return new Scan(records, good - start, false);
            }
            JournalRecord record = decode(body);
            if (record == null) {
                return new Scan(records, good - start, false);
            }
            records.add(record);
            good = buffer.position();
        }
        return new Scan(records, good - start, !buffer.hasRemaining());
    }

    private static JournalRecord decode(byte[] body) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body))) {
            byte type = in.readByte();
            JournalRecord r = switch (type) {
                case DONE -> new JournalRecord.Done(in.readLong());
                case ACCEPTED -> readAccepted(in);
                default -> null;
            };
            return in.available() == 0 ? r : null;
        } catch (IOException | RuntimeException e) {
            // A body that passed its CRC but does not parse was written by a newer or broken writer.
            return null;
        }
    }

    private static JournalRecord.Accepted readAccepted(DataInputStream in) throws IOException {
        long id = in.readLong();
        Instant receivedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
        String carrier = in.readUTF();
        SmppAddress source = readAddress(in);
        SmppAddress destination = readAddress(in);
        byte esmClass = in.readByte();
        byte dataCoding = in.readByte();
        boolean dataSm = in.readBoolean();
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("payload length " + n);
        }
        byte[] payload = in.readNBytes(n);
        return new JournalRecord.Accepted(id,
                new InboundMessage(carrier, source, destination, esmClass, dataCoding, payload, dataSm, receivedAt));
    }

    private static SmppAddress readAddress(DataInputStream in) throws IOException {
        byte ton = in.readByte();
        byte npi = in.readByte();
        return new SmppAddress(ton, npi, in.readUTF());
    }
}
