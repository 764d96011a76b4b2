package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.SmppStatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.smpp.client.ReceivedReply;
import io.cxmyd.gateway.smpp.client.SmppClient;

/**
 * Random and mutated PDUs (bind, submit_sm, data_sm, enquire_link with fields flipped, cut short, lengths
 * lied about, garbage appended) thrown at a whole running gateway over many connections for a fixed time
 * ({@code -Dfuzz.seconds}, 10 by default; {@code -Dfuzz.seed} repeats a run). Afterwards a good bind and a good
 * query are served, the threads are back near their count before, and the heap is flat. A resource test:
 * nothing here is timed.
 */
class SmppFuzzIntegrationTests {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final long HEAP_SLACK = 48L << 20;
    private static final long PEAK_SLACK = 256L << 20;
    private static final int THREAD_SLACK = 8;

    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        // Lockout is tested elsewhere; here a burst of bad binds from loopback must not lock the final check out.
        String yaml = io.cxmyd.gateway.TestGateways.withSmpp(io.cxmyd.gateway.TestGateways.config("""
                limits:
                  perSubscriber: "off"
                delivery:
                  validity: 2s
                  queueCapacity: 100
                """), """
                smpp:
                  host: 127.0.0.1
                  port: 0
                  bindTimeout: 1s
                  pduReadTimeout: 1s
                  maxConnections: 256
                  maxUnboundPerAddress: 256
                  bindFailures: {free: 1000, window: 1s, maxDelay: 0s}
                """);
        GatewayConfig config = io.cxmyd.gateway.TestGateways.parse(yaml);
        gateway = new Gateway(config).start();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void randomAndMutatedPdusLeaveTheGatewayServingWithFlatThreadsAndHeap() throws Exception {
        assertGoodQueryIsAnswered(); // warms every pool up before the baseline is taken
        int threadsBefore = settledThreadCount(Integer.MAX_VALUE);
        long heapBefore = usedHeapAfterGc();
        List<MemoryPoolMXBean> oldGen = oldGenerationPools();
        long oldBefore = oldGen.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        oldGen.forEach(MemoryPoolMXBean::resetPeakUsage);

        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Duration length = Duration.ofSeconds(Long.getLong("fuzz.seconds", 10));
        int workers = 4;
        // On stdout rather than the log (WARN in tests): the figures docs/reliability.md quotes.
        System.out.printf("[fuzz] %s with seed %d (repeat with -Dfuzz.seed=%d)%n", length, seed, seed);
        Instant end = Instant.now().plus(length);
        AtomicLong connections = new AtomicLong();
        AtomicLong pdus = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> runs = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Random random = new Random(seed + w);
            runs.add(pool.submit(() -> {
                while (Instant.now().isBefore(end)) {
                    connections.incrementAndGet();
                    pdus.addAndGet(oneConnection(random));
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get(length.toSeconds() + 120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        System.out.printf("[fuzz] %d connections, %d PDUs or junk blocks written%n", connections.get(), pdus.get());

        assertGoodQueryIsAnswered();
        int threadsAfter = settledThreadCount(threadsBefore + THREAD_SLACK);
        assertThat(threadsAfter).as("threads after the fuzz (before: %d)\n%s", threadsBefore, threadNames())
                .isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
        long heapAfter = usedHeapAfterGc();
        System.out.printf("[fuzz] threads %d -> %d, used heap after GC %d KiB -> %d KiB%n", threadsBefore,
                threadsAfter, heapBefore >> 10, heapAfter >> 10);
        assertThat(heapAfter - heapBefore).as("heap growth in octets (before %d, after %d)", heapBefore, heapAfter)
                .isLessThan(HEAP_SLACK);
        // Large arrays go straight to the old generation: its peak shows a PDU buffer sized by what a peer
        // claimed, even one freed before the end (a 16-octet header claiming 1 GiB, say).
        long oldPeak = oldGen.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("[fuzz] old generation peak %d KiB over its use before%n", (oldPeak - oldBefore) >> 10);
        assertThat(oldPeak - oldBefore).as("old generation peak growth in octets").isLessThan(PEAK_SLACK);
        assertThat(connections.get()).isGreaterThan(workers);
    }

    @Test
    void oddLengthUcs2IsAnsweredWithRinvmsglenEndToEnd() throws Exception {
        // The SMPP layer passes it (its fields are whole); the gateway's text decoder refuses it, and that
        // status must come back in submit_sm_resp rather than a reply or silence.
        byte[] oddUcs2 = {0x00, 'C', 0x00, 'X', 0x00};
        try (Socket socket = new Socket("127.0.0.1", gateway.smppPort());
                RawSmppSocket raw = new RawSmppSocket(socket)) {
            raw.write(Pdus.bind(Pdus.BIND_TRANSCEIVER, 1, "cmcc", "cm-pass1"));
            assertThat(raw.read(ServerFixture.WAIT).status()).isZero();
            raw.write(Pdus.submitSm(2, 8, oddUcs2.length, oddUcs2, new byte[0]));
            RawSmppSocket.Pdu resp = raw.readAnsweringEnquireLinks(ServerFixture.WAIT);
            assertThat(resp.commandId()).isEqualTo(Pdus.SUBMIT_SM | Pdus.RESP);
            assertThat(resp.sequence()).isEqualTo(2);
            assertThat(SmppStatus.of(resp.status())).isEqualTo(SmppStatus.ESME_RINVMSGLEN);
        }
    }

    /** One connection's worth of abuse; the number of PDUs (or junk blocks) written. */
    private static int oneConnection(Random random) {
        try (Socket socket = new Socket("127.0.0.1", gateway.smppPort())) {
            socket.setSoTimeout(20);
            List<byte[]> writes = new ArrayList<>();
            if (random.nextInt(10) < 2) {
                byte[] junk = new byte[1 + random.nextInt(2000)];
                random.nextBytes(junk);
                writes.add(junk);
            } else {
                byte[] bind = Pdus.bind(bindId(random), 1, "cmcc", random.nextInt(5) == 0 ? "wrong" : "cm-pass1");
                writes.add(random.nextInt(4) == 0 ? mutate(bind, random) : bind);
                int n = 1 + random.nextInt(20);
                for (int i = 0; i < n; i++) {
                    writes.add(mutate(validRequest(random, i + 2), random));
                }
            }
            for (byte[] w : writes) {
                socket.getOutputStream().write(w);
                drain(socket.getInputStream());
            }
            return writes.size();
        } catch (IOException e) {
            return 0; // the gateway hung up on us: what it should do to much of this
        }
    }

    private static int bindId(Random random) {
        int[] ids = {Pdus.BIND_TRANSCEIVER, Pdus.BIND_TRANSMITTER, Pdus.BIND_RECEIVER};
        return ids[random.nextInt(ids.length)];
    }

    private static byte[] validRequest(Random random, int sequence) {
        byte[] text = random.nextBoolean() ? "CXMYD".getBytes(StandardCharsets.US_ASCII)
                : "查询".getBytes(StandardCharsets.UTF_16BE);
        return switch (random.nextInt(4)) {
            case 0 -> Pdus.submitSm(sequence, "1380013800" + random.nextInt(10), "10086", text);
            case 1 -> Pdus.dataSm(sequence, "13800138000", "10086", Pdus.tlv(Pdus.MESSAGE_PAYLOAD, text.length, text));
            case 2 -> Pdus.submitSm(sequence, 8, text.length, text, new byte[0]);
            default -> Pdus.enquireLink(sequence);
        };
    }

    /** Flips, cuts, lies about lengths or appends garbage; sometimes leaves the PDU as it was. */
    static byte[] mutate(byte[] pdu, Random random) {
        byte[] out = pdu.clone();
        switch (random.nextInt(7)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                // Cut short, with command_length corrected: the fields inside must now run past the end.
                out = Arrays.copyOf(out, Math.max(16, random.nextInt(out.length)));
                ByteBuffer.wrap(out).putInt(0, out.length);
            }
            case 2 -> out = Arrays.copyOf(out, 1 + random.nextInt(out.length)); // cut, length left lying
            case 3 -> ByteBuffer.wrap(out).putInt(0, ByteBuffer.wrap(out).getInt(0) ^ (1 << random.nextInt(32)));
            case 4 -> {
                byte[] longer = Arrays.copyOf(out, out.length + 1 + random.nextInt(64));
                for (int i = out.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                ByteBuffer.wrap(longer).putInt(0, longer.length);
                out = longer;
            }
            case 5 -> {
                if (out.length > 16) { // a body octet: a length, a coding, a NUL
                    out[16 + random.nextInt(out.length - 16)] = (byte) random.nextInt(256);
                }
            }
            default -> {
                // unchanged
            }
        }
        return out;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[4096];
        try {
            while (in.read(sink) > 0) {
                // discard answers
            }
        } catch (java.net.SocketTimeoutException e) {
            // nothing more for now
        }
    }

    private static void assertGoodQueryIsAnswered() throws Exception {
        try (SmppClient client = SmppClient.bind(
                SmppClient.Options.transceiver("127.0.0.1", gateway.smppPort(), "cmcc", "cm-pass1"))) {
            assertThat(client.submit("13800138000", "10086", "CXMYD")).isEqualTo(SmppStatus.ESME_ROK);
            // The fuzz's well-formed queries may still have replies waiting for a receiver of this carrier: they
            // arrive on this bind too, so look for the one addressed to the good query's number.
            Instant deadline = Instant.now().plusSeconds(20);
            Optional<ReceivedReply> reply = Optional.empty();
            while (reply.isEmpty() && Instant.now().isBefore(deadline)) {
                reply = client.awaitReply(Duration.between(Instant.now(), deadline))
                        .filter(r -> r.destination().address().endsWith("13800138000"));
            }
            assertThat(reply).as("a reply to the good query").isPresent();
            assertThat(reply.get().text()).contains("北京市");
        }
    }

    /** The live thread count once it is at most {@code target} and has stopped falling, waiting up to a minute. */
    private static int settledThreadCount(int target) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE);
        int last = Thread.activeCount();
        int stable = 0;
        while (Instant.now().isBefore(deadline) && (last > target || stable < 5)) {
            Thread.sleep(200);
            int now = Thread.activeCount();
            stable = now >= last ? stable + 1 : 0;
            last = now;
        }
        return last;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static List<MemoryPoolMXBean> oldGenerationPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported())
                .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                .toList();
    }

    private static String threadNames() {
        Map<String, Integer> byPrefix = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            byPrefix.merge(t.getName().replaceAll("[-0-9a-f]+$", ""), 1, Integer::sum);
        }
        return byPrefix.toString();
    }
}
