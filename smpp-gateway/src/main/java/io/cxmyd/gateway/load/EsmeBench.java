package io.cxmyd.gateway.load;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.smpp.client.LoadSession;
import io.cxmyd.gateway.smpp.client.PartCollector;
import io.cxmyd.gateway.smpp.client.SmppClientException;
import io.cxmyd.gateway.smpp.client.SmscSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench --esme}: the same load in ESME mode. The tool plays each benched carrier's SMSC (one
 * {@link SmscSimulator} per carrier, on a free loopback port), the in-process gateway binds out to them as
 * transceivers, queries go in as deliver_sm and replies come back as submit_sm. One load session per
 * carrier, so that each SMSC's replies belong to one session's window.
 */
final class EsmeBench {

    /** Per benched carrier: the SMSC the tool plays, and where its complete replies go. */
    private static final class Slot {
        final PartCollector collector = new PartCollector();
        volatile LoadSession.Listener listener;
        SmscSimulator smsc;
    }

    private EsmeBench() {
    }

    static Figures run(GatewayConfig config, List<LoadRun.Carrier> carriers, LoadOptions options, Numbers numbers,
            PrintStream out) throws IOException, InterruptedException {
        if (options.sessions() > carriers.size()) {
            throw new IllegalArgumentException("--esme: at most one session per carrier (" + carriers.size()
                    + " carrier(s)), was --sessions " + options.sessions());
        }
        Map<String, Slot> slots = new LinkedHashMap<>();
        List<GatewayConfig.Carrier> esme = new ArrayList<>();
        Gateway gateway = null;
        try {
            for (GatewayConfig.Carrier c : config.carriers()) {
                boolean benched = carriers.stream().limit(options.sessions())
                        .anyMatch(b -> b.systemId().equals(c.systemId()));
                if (!benched) {
                    esme.add(c);
                    continue;
                }
                Slot slot = new Slot();
                slot.smsc = SmscSimulator.listen("127.0.0.1", 0, c.systemId(), c.password(),
                        (to, esm, coding, payload, sar) -> collect(slot, to, esm, coding, payload, sar));
                slots.put(c.systemId(), slot);
                // No throughput cap worth the name and a window like the load's: the bench measures the gateway.
                esme.add(c.withSmsc(new GatewayConfig.Smsc("127.0.0.1", slot.smsc.port(),
                        GatewayConfig.SmscBind.TRANSCEIVER, 1, "", false, Duration.ofSeconds(30),
                        Duration.ofSeconds(10), Duration.ofSeconds(10), 64, 100_000, Duration.ofMillis(100),
                        Duration.ofSeconds(1), false)));
            }
            long t0 = System.nanoTime();
            gateway = new Gateway(config.withCarriers(esme)).start();
            for (Slot slot : slots.values()) {
                if (!slot.smsc.awaitReceiver(Duration.ofSeconds(30))) {
                    throw new IOException("the gateway did not bind to the bench's SMSC within 30 s");
                }
            }
            out.printf("ESME mode: gateway started in this JVM and bound to %d SMSC(s) the tool plays in %.1f s%n",
                    slots.size(), (System.nanoTime() - t0) / 1e9);
            return new LoadRun((c, listener) -> link(slots.get(c.systemId()), listener), carriers, options, numbers,
                    true).run();
        } finally {
            if (gateway != null) {
                gateway.close();
            }
            slots.values().forEach(s -> s.smsc.close());
        }
    }

    private static void collect(Slot slot, String to, byte esmClass, byte coding, byte[] payload, int[] sar) {
        long now = System.nanoTime();
        PartCollector.Complete c;
        synchronized (slot.collector) {
            c = slot.collector.add(to, esmClass, coding, payload, sar);
        }
        LoadSession.Listener l = slot.listener;
        if (c != null && l != null) {
            l.replied(c, now);
        }
    }

    private static LoadRun.Link link(Slot slot, LoadSession.Listener listener) {
        slot.listener = listener;
        return new LoadRun.Link() {
            @Override
            public LoadSession.Outcome submit(String from, String to, byte dataCoding, byte[] text) {
                try {
                    var status = slot.smsc.deliver(from, to, dataCoding, text);
                    return new LoadSession.Outcome(status, null);
                } catch (SmppClientException e) {
                    return new LoadSession.Outcome(null, "link_error");
                }
            }

            @Override
            public int incompleteReplies() {
                synchronized (slot.collector) {
                    return slot.collector.incomplete();
                }
            }

            @Override
            public void close() {
                slot.listener = null;
            }
        };
    }
}
