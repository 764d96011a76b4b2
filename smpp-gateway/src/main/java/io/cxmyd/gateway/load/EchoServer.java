package io.cxmyd.gateway.load;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.delivery.DeliveryListener;
import io.cxmyd.gateway.delivery.Outbox;
import io.cxmyd.gateway.delivery.OutboxOptions;
import io.cxmyd.gateway.message.Reply;
import io.cxmyd.gateway.sms.Concatenation;
import io.cxmyd.gateway.sms.EncodedSegment;
import io.cxmyd.gateway.sms.Segmenter;
import io.cxmyd.gateway.smpp.BindListener;
import io.cxmyd.gateway.smpp.CarrierAccount;
import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.smpp.ServerLinks;
import io.cxmyd.gateway.smpp.SmppServer;
import io.cxmyd.gateway.smpp.SmppServerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The protocol's own ceiling on this machine: the gateway's SMPP server and outbox with the same options,
 * answering every submit_sm at once: no decoding, no lookup, no rules, no journal. What the load tool reaches
 * against it is what the stack (and the tool) can do at best.
 *
 * <p>Two kinds: the plain echo answers with one deliver_sm of {@link #TEXT}; the same-parts echo answers with
 * replies the gateway itself composed (sampled from a gateway run, taken in turn), segmented as the gateway
 * segments them for the carrier: the same bytes and part count on the wire, none of the work behind them.
 */
final class EchoServer implements AutoCloseable {

    static final String TEXT = "ECHO";
    private static final byte[] BODY = TEXT.getBytes(StandardCharsets.US_ASCII);

    private final SmppServer server;
    private final Outbox outbox;

    private EchoServer(SmppServer server, Outbox outbox) {
        this.server = server;
        this.outbox = outbox;
    }

    /** The plain echo, on a free loopback port, with the SMPP and delivery settings of {@code config}. */
    static EchoServer start(GatewayConfig config, SmppServerOptions smpp) throws IOException {
        return start(config, smpp, List.of());
    }

    /**
     * The same-parts echo when {@code replyTexts} has texts (each reply is the next of them), else the plain
     * one.
     */
    static EchoServer start(GatewayConfig config, SmppServerOptions smpp, List<String> replyTexts)
            throws IOException {
        Map<String, Concatenation> concatenation = new LinkedHashMap<>();
        config.carriers().forEach(c -> concatenation.put(c.id(), c.concatenation()));
        List<String> texts = List.copyOf(replyTexts);
        AtomicInteger next = new AtomicInteger();
        List<CarrierAccount> accounts = config.carriers().stream()
                .map(c -> new CarrierAccount(c.id(), c.systemId(), c.password(), c.serviceNumbers()))
                .toList();
        Map<String, OutboxOptions> options = new LinkedHashMap<>();
        GatewayConfig.Delivery d = config.delivery();
        for (GatewayConfig.Carrier c : config.carriers()) {
            options.put(c.id(), new OutboxOptions(d.validity(), d.retryInitial(), d.retryMax(), d.queueCapacity(),
                    c.window(), Duration.ofSeconds(1)));
        }
        ServerLinks links = ServerLinks.create(BindListener.NONE);
        Outbox outbox = new Outbox(links, options, DeliveryListener.NONE);
        SmppServer server = new SmppServer(smpp.mutate().host("127.0.0.1").port(0).build(), accounts,
                m -> echo(m, outbox, texts, next, concatenation), links, Clock.systemUTC());
        outbox.start();
        try {
            server.start();
        } catch (IOException e) {
            outbox.close();
            throw e;
        }
        return new EchoServer(server, outbox);
    }

    private static Acceptance echo(InboundMessage m, Outbox outbox, List<String> texts, AtomicInteger next,
            Map<String, Concatenation> concatenation) {
        if (!outbox.hasRoom(m.carrierId())) {
            return Acceptance.REPLIES_BACKLOGGED;
        }
        List<OutboundPart> parts;
        if (texts.isEmpty()) {
            parts = List.of(new OutboundPart(m.carrierId(), m.destination(), m.source(), (byte) 0, (byte) 0, BODY,
                    null, null));
        } else {
            int n = next.getAndIncrement();
            String text = texts.get(Math.floorMod(n, texts.size()));
            // Segmented per reply, as the gateway does (its cost is part of the wire work being compared).
            List<EncodedSegment> segments = Segmenter.encode(text, concatenation.get(m.carrierId()), n);
            parts = EncodedSegment.toOutboundParts(segments, m.carrierId(), m.destination(), m.source());
        }
        outbox.submit(new Reply(m.carrierId(), parts, m.receivedAt(), "echo"));
        return Acceptance.ACCEPTED;
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        outbox.close();
    }
}
