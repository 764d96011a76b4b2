package io.cxmyd.gateway.bench;

import com.cloudhopper.smpp.pdu.BaseSm;
import com.cloudhopper.smpp.type.Address;
import io.cxmyd.gateway.journal.Journal;
import io.cxmyd.gateway.journal.JournalOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The replies the netty echoes send ({@link NettyEcho} as {@code deliver_sm}, {@link NettyEsmeEcho} as
 * {@code submit_sm}), the same part count and part size as the gateway's: UCS2 ({@code data_coding} 8),
 * {@code parts} parts of a 6-octet UDH (05 00 03 ref total seq, {@code esm_class} 0x40) and 134 octets (67 UCS2
 * characters), the last {@code lastPartOctets}; {@code plain}: one 60-character UCS2 part without UDH. Addressed
 * back: from the query's destination (the service number) to its source (the subscriber), TON/NPI mirrored.
 */
final class EchoReplies {

    private static final int UDH = 6;
    private static final int PART_OCTETS = 134;
    /** 67 UCS2 characters of text (what a part carries), cycled. */
    private static final byte[] TEXT = ("您好，这是回声服务器按网关回复的长度发送的测试文本，不含任何行程信息。只用于测量协议栈的上限。"
            + "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十").getBytes(StandardCharsets.UTF_16BE);

    private final boolean plain;
    private final byte[][] templates;
    private final AtomicInteger reference = new AtomicInteger();
    private QueryWork work;
    private Journal journal;

    EchoReplies(int parts, int lastPartOctets, boolean plain) {
        if (parts < 1 || parts > 255) {
            throw new IllegalArgumentException("--parts: 1 to 255, was " + parts);
        }
        if (lastPartOctets < 2 || lastPartOctets > PART_OCTETS || lastPartOctets % 2 != 0) {
            throw new IllegalArgumentException("--last-part-octets: an even number from 2 to 134, was "
                    + lastPartOctets);
        }
        this.plain = plain;
        this.templates = templates(parts, lastPartOctets, plain);
    }

    /**
     * The replies {@code o} asks for: its parts; with {@code --query-work CONFIG}, each after the gateway's
     * per-query work ({@link QueryWork}); with {@code --journal DIR}, each answered only once the query's record
     * is on the disk of a journal there, as the gateway's durable accept does (its default group commit, 1 ms),
     * the response, the work and the parts then on the session's I/O thread.
     */
    static EchoReplies of(NettyEcho.Options o) {
        EchoReplies r = new EchoReplies(o.parts(), o.lastPartOctets(), o.plain());
        if (o.queryWork() != null) {
            r.work = QueryWork.from(o.queryWork());
        }
        if (o.journal() != null) {
            try {
                r.journal = Journal.open(new JournalOptions(o.journal(), Duration.ofMillis(1), Duration.ofMillis(500),
                        64L * 1024 * 1024));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return r;
    }

    /** Closes the journal and the query work, if any. */
    void close() {
        if (journal != null) {
            journal.close();
        }
        if (work != null) {
            work.close();
        }
    }

    /** The journal the answers wait for; null: answer at once. */
    Journal journal() {
        return journal;
    }

    /** The parts of the reply to {@code query}, each a fresh PDU of {@code pdu}. */
    BaseSm<?>[] reply(BaseSm<?> query, Supplier<? extends BaseSm<?>> pdu) throws Exception {
        Address subscriber = query.getSourceAddress();
        Address service = query.getDestAddress();
        byte ref = (byte) reference.incrementAndGet();
        if (work != null) {
            work.on(query, ref & 0xff);
        }
        BaseSm<?>[] parts = new BaseSm<?>[templates.length];
        for (int i = 0; i < parts.length; i++) {
            BaseSm<?> d = pdu.get();
            d.setSourceAddress(new Address(service.getTon(), service.getNpi(), service.getAddress()));
            d.setDestAddress(new Address(subscriber.getTon(), subscriber.getNpi(), subscriber.getAddress()));
            d.setDataCoding((byte) 0x08);
            byte[] body = templates[i].clone();
            if (!plain) {
                d.setEsmClass((byte) 0x40);
                body[3] = ref;
            }
            d.setShortMessage(body);
            parts[i] = d;
        }
        return parts;
    }

    /** Each part's bytes with a zero reference; a reply copies them and sets its own. */
    private static byte[][] templates(int parts, int lastPartOctets, boolean plain) {
        if (plain) {
            return new byte[][] {Arrays.copyOf(TEXT, 120)};
        }
        byte[][] t = new byte[parts][];
        for (int i = 0; i < parts; i++) {
            int octets = i == parts - 1 ? lastPartOctets : PART_OCTETS;
            byte[] b = new byte[UDH + octets];
            b[0] = 0x05;
            b[1] = 0x00;
            b[2] = 0x03;
            b[4] = (byte) parts;
            b[5] = (byte) (i + 1);
            for (int j = 0; j < octets; j += 2) {
                int k = ((i * PART_OCTETS + j) % TEXT.length) & ~1;
                b[UDH + j] = TEXT[k];
                b[UDH + j + 1] = TEXT[k + 1];
            }
            t[i] = b;
        }
        return t;
    }
}
