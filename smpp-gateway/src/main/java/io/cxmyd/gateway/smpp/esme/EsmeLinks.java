package io.cxmyd.gateway.smpp.esme;

import io.cxmyd.gateway.binds.BindBudget;
import io.cxmyd.gateway.message.CarrierLinks;
import io.cxmyd.gateway.message.DeliveryResult;
import io.cxmyd.gateway.message.MessageIntake;
import io.cxmyd.gateway.message.OutboundPart;
import io.cxmyd.gateway.smpp.BindInfo;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carriers reached in ESME mode: the gateway binds out to each one's SMSC, takes subscribers' messages as
 * deliver_sm / data_sm and sends replies as submit_sm. Like {@code ServerLinks}, made before the query path
 * (the outbox sends through {@link #over}) and fed to it afterwards ({@link #start(MessageIntake)}): the rest
 * of the gateway sees only {@link CarrierLinks} and a {@link MessageIntake}, as for the carriers that bind to it.
 */
public final class EsmeLinks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EsmeLinks.class);

    private final Map<String, EsmeCarrierLink> carriers = new LinkedHashMap<>();
    private final List<Consumer<String>> sending = new CopyOnWriteArrayList<>();

    public EsmeLinks(List<EsmeOptions> options, EsmeEvents events, Clock clock) {
        Objects.requireNonNull(events, "events");
        for (EsmeOptions o : options) {
            carriers.put(o.carrierId(), new EsmeCarrierLink(o, events, clock, id -> sending.forEach(c -> c.accept(id))));
        }
    }

    /** Starts binding, subscribers' messages going to {@code intake}; returns at once (binds come up behind). */
    public void start(MessageIntake intake) {
        start(intake, Map.of());
    }

    /**
     * As {@link #start(MessageIntake)}, each bind of a carrier in {@code budgets} first taking a lease from its
     * budget shared with the other instances (issue 15 item 4); the other carriers bind without asking.
     */
    public void start(MessageIntake intake, Map<String, BindBudget> budgets) {
        Objects.requireNonNull(intake, "intake");
        carriers.values().forEach(c -> {
            BindBudget budget = budgets.get(c.options().carrierId());
            log.info("[{} esme] binding to {}{}", c.options().carrierId(), c.options(),
                    budget == null ? "" : " within the carrier's shared session budget");
            if (c.options().tls() && !c.options().verifyHostname()) {
                log.warn("[{} esme] TLS without checking that the SMSC's certificate names {} (smsc.verifyHostname:"
                        + " false): whoever holds a certificate the trust store accepts can sit in the middle",
                        c.options().carrierId(), c.options().host());
            }
            c.start(intake, budget);
        });
    }

    public boolean isEmpty() {
        return carriers.isEmpty();
    }

    /** Whether this carrier is reached in ESME mode. */
    public boolean handles(String carrierId) {
        return carriers.containsKey(carrierId);
    }

    /** Ready when every ESME-mode carrier has a bind that can send and one that can receive (true with none). */
    public boolean ready() {
        return carriers.values().stream().allMatch(c -> c.canSend() && c.canReceive());
    }

    /** The binds to SMSCs up now. */
    public List<BindInfo> binds() {
        return carriers.values().stream().flatMap(c -> c.binds().stream()).toList();
    }

    /**
     * The {@link CarrierLinks} of every carrier: ESME-mode carriers through their SMSC binds, the others
     * through {@code serverLinks} (the binds carriers made to the gateway).
     */
    public CarrierLinks over(CarrierLinks serverLinks) {
        return new CarrierLinks() {
            @Override
            public DeliveryResult deliver(OutboundPart part) {
                EsmeCarrierLink c = carriers.get(part.carrierId());
                return c != null ? c.send(part) : serverLinks.deliver(part);
            }

            @Override
            public CompletionStage<DeliveryResult> deliverLater(OutboundPart part) {
                EsmeCarrierLink c = carriers.get(part.carrierId());
                return c != null ? c.sendLater(part) : serverLinks.deliverLater(part);
            }

            @Override
            public boolean pipelines(String carrierId) {
                // ESME-mode parts do not wait for their response either, but one may wait for a session's
                // window after a bind was lost: then they are written from the outbox's sender threads, which
                // may wait; while a window has room, from the thread that queues the reply (a wake-up less a
                // reply: 17.5k -> 22k queries/s, docs/performance.md, sixth run).
                EsmeCarrierLink c = carriers.get(carrierId);
                return c != null ? c.hasRoomNow() : serverLinks.pipelines(carrierId);
            }

            @Override
            public boolean canDeliver(String carrierId) {
                EsmeCarrierLink c = carriers.get(carrierId);
                return c != null ? c.canSend() : serverLinks.canDeliver(carrierId);
            }

            @Override
            public void onReceiving(Consumer<String> carrierUp) {
                serverLinks.onReceiving(carrierUp);
                sending.add(carrierUp);
            }
        };
    }

    /** Unbinds from every SMSC. */
    @Override
    public void close() {
        carriers.values().forEach(EsmeCarrierLink::close);
    }
}
