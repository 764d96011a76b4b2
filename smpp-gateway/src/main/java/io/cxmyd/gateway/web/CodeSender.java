package io.cxmyd.gateway.web;

import io.cxmyd.gateway.delivery.Notices;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.ops.WebCodeResult;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.Msisdn;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a code by SMS to a number the registry knows, on its own carrier's link, from that carrier's first
 * service number, signed like the carrier's replies. A number the registry does not know (or a carrier this
 * gateway has no link for) gets nothing: the page cannot be used to pump SMS to arbitrary numbers, and the
 * caller has already answered 202 alike for both, so the answer cannot tell them apart either.
 */
public final class CodeSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CodeSender.class);

    /** A carrier's link as the code SMS needs it. */
    public record Link(String serviceNumber, String signature) {
    }

    private final ItineraryClient client;
    private final Supplier<Instant> rulesClock;
    private final Notices notices;
    private final Map<String, Link> links;
    private final GatewayMetrics metrics;
    /**
     * Where the SMS is queued, off the thread that completes the carrier lookup: that is often an event loop
     * (Redis's, for the whole gateway), and queuing can write the deliver_sm, which waits when the carrier
     * stops reading. Bounded: past it a code SMS is dropped (the page asks again), never memory.
     */
    private final ThreadPoolExecutor sending = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1_000), r -> {
                Thread t = new Thread(r, "web-code-sms");
                t.setDaemon(true);
                return t;
            });

    public CodeSender(ItineraryClient client, Supplier<Instant> rulesClock, Notices notices, Map<String, Link> links,
            GatewayMetrics metrics) {
        this.client = client;
        this.rulesClock = rulesClock;
        this.notices = notices;
        this.links = Map.copyOf(links);
        this.metrics = metrics;
    }

    /** The code SMS: {@code code} is its only group of six digits (a phone's autofill finds it). */
    static String text(String signature, String code) {
        return signature + "您的行程卡查询验证码为" + code + "，五分钟内有效。请勿告诉他人；如非本人操作，请忽略本短信。";
    }

    public void send(Msisdn msisdn, String code) {
        client.registeredCarrier(msisdn, rulesClock.get()).thenAcceptAsync(carrier -> {
            Link link = carrier.map(links::get).orElse(null);
            if (link == null) {
                log.debug("[web] no code SMS for {}: not a subscriber of a configured carrier", msisdn.masked());
                return;
            }
            String id = carrier.get();
            try {
                if (notices.send(id, link.serviceNumber(), msisdn, text(link.signature(), code), "web_code")) {
                    metrics.webCode(WebCodeResult.SENT);
                }
            } catch (RuntimeException e) {
                log.warn("[web] code SMS for {} not queued: {}", msisdn.masked(), e.toString());
            }
        }, sending).exceptionally(e -> {
            log.warn("[web] code SMS for {} not sent: {}", msisdn.masked(), e.toString());
            return null;
        });
    }

    @Override
    public void close() {
        sending.shutdown();
    }
}
