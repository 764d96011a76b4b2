package io.cxmyd.gateway.smpp;

import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.cxmyd.gateway.message.Answer;
import io.cxmyd.gateway.message.MessageIntake;

import io.cxmyd.gateway.smpp.client.SmppClient;
import io.cxmyd.gateway.smpp.client.SmppClientException;

/** A real {@link SmppServer} on an ephemeral loopback port, recording what reaches its handler and listener. */
final class ServerFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final CarrierAccount MOBILE = new CarrierAccount("china-mobile", "cmcc", "cm-pass1", List.of("10086"));
    static final CarrierAccount UNICOM = new CarrierAccount("china-unicom", "cucc", "cu-pass1", List.of("10010"));

    final BlockingQueue<InboundMessage> inbound = new LinkedBlockingQueue<>();
    final BlockingQueue<String> bindEvents = new LinkedBlockingQueue<>();
    volatile Function<InboundMessage, Acceptance> answer = m -> Acceptance.ACCEPTED;
    /** When set, answers instead of {@link #answer}: an acceptance that may be decided later. */
    volatile Function<InboundMessage, Answer> answerLater;
    /** What the intake says of itself: false when {@link #answer} blocks, so the server never calls it on a reader. */
    volatile boolean answersWithoutWaiting = true;
    final SmppServer server;

    ServerFixture(SmppServerOptions.Builder options) throws IOException {
        this(options, List.of(MOBILE, UNICOM));
    }

    ServerFixture(SmppServerOptions.Builder options, List<CarrierAccount> carriers) throws IOException {
        BindListener listener = new BindListener() {
            @Override
            public void bound(String carrierId, BindType type) {
                bindEvents.add("bound " + carrierId + " " + type.label());
            }

            @Override
            public void unbound(String carrierId, BindType type) {
                bindEvents.add("unbound " + carrierId + " " + type.label());
            }

            @Override
            public void bindRefused(String reason) {
                bindEvents.add("refused " + reason);
            }

            @Override
            public void bindSlowed(Duration delay) {
                bindEvents.add("slowed");
            }
        };
        MessageIntake intake = new MessageIntake() {
            @Override
            public Acceptance offer(InboundMessage message) {
                inbound.add(message);
                return answer.apply(message);
            }

            @Override
            public Answer offerLater(InboundMessage message) {
                Function<InboundMessage, Answer> later = answerLater;
                if (later == null) {
                    return MessageIntake.super.offerLater(message);
                }
                inbound.add(message);
                return later.apply(message);
            }

            @Override
            public boolean offersWithoutWaiting() {
                return answersWithoutWaiting;
            }
        };
        server = new SmppServer(options.host("127.0.0.1").port(0).build(), carriers, intake, listener);
        server.start();
    }

    ServerFixture() throws IOException {
        this(SmppServerOptions.builder());
    }

    SmppClient.Options mobile(SmppClient.BindMode mode) {
        return new SmppClient.Options("127.0.0.1", server.port(), MOBILE.systemId(), MOBILE.password(), mode,
                Duration.ofSeconds(5));
    }

    SmppClient bindMobile(SmppClient.BindMode mode) throws SmppClientException {
        return SmppClient.bind(mobile(mode));
    }

    RawSmppSocket raw() throws IOException {
        return new RawSmppSocket(server.port());
    }

    /** A raw connection bound as {@code commandId} for china-mobile, its bind_resp read. */
    RawSmppSocket rawBound(int commandId) throws IOException, InterruptedException {
        RawSmppSocket raw = raw();
        raw.write(Pdus.bind(commandId, 1, MOBILE.systemId(), MOBILE.password()));
        RawSmppSocket.Pdu resp = raw.read(WAIT);
        if (resp.commandId() != (commandId | Pdus.RESP) || resp.status() != 0) {
            throw new IllegalStateException("bind refused: " + resp);
        }
        nextBindEvent(); // "bound ..."
        return raw;
    }

    String nextBindEvent() throws InterruptedException {
        String event = bindEvents.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no bind event within " + WAIT);
        }
        return event;
    }

    InboundMessage nextInbound() throws InterruptedException {
        InboundMessage message = inbound.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no inbound message within " + WAIT);
        }
        return message;
    }

    @Override
    public void close() {
        server.close();
    }
}
