package io.cxmyd.gateway.query;

import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.Reply;
import io.cxmyd.gateway.message.ReplyLinks;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.ops.MetricNames;
import io.cxmyd.gateway.ops.QueryOutcome;
import io.cxmyd.gateway.sms.Concatenation;
import io.cxmyd.gateway.sms.ReplyComposer;
import io.cxmyd.itinerary.IdLast4;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the query path's room tests share: two carriers, messages, a scripted itinerary client, links that record. */
final class PathFixtures {

    static final Instant NOW = Instant.parse("2026-11-21T01:30:00Z");
    static final String CM = "cm";
    static final String CU = "cu";
    static final String SUBSCRIBER = "13800138000";

    private PathFixtures() {
    }

    static ServiceDirectory directory() {
        return new ServiceDirectory(Map.of(CM, List.of("10086"), CU, List.of("10010", "13900000000")));
    }

    static Map<String, CarrierProfile> profiles() {
        return Map.of(
                CM, new CarrierProfile(CM, "【移动】", Concatenation.UDH, ReplyComposer.withDefaults()),
                CU, new CarrierProfile(CU, "【联通】", Concatenation.UDH, ReplyComposer.withDefaults()));
    }

    static GatewayMetrics metrics() {
        return new GatewayMetrics(List.of(CM, CU));
    }

    static double counted(GatewayMetrics metrics, String carrier, QueryOutcome outcome) {
        return metrics.registry().get(MetricNames.QUERIES.name())
                .tags(MetricNames.TAG_CARRIER, carrier, MetricNames.TAG_OUTCOME, outcome.label()).counter().count();
    }

    static InboundMessage text(String carrier, String from, String to, String text) {
        return new InboundMessage(carrier, SmppAddress.of(from), SmppAddress.of(to), (byte) 0, (byte) 0,
                text.getBytes(StandardCharsets.US_ASCII), false, NOW);
    }

    static InboundMessage query(String text) {
        return text(CM, SUBSCRIBER, "10086", text);
    }

    static LookupResult noData(Msisdn m) {
        return new LookupResult.NoData(m, LocalDate.of(2026, 11, 21), LocalDateTime.of(2026, 11, 21, 8, 0), Set.of());
    }

    /** Answers every lookup with {@code result}, or leaves it pending in {@link #pending} when null. */
    static final class ScriptedClient implements ItineraryClient {
        volatile LookupResult result;
        volatile IdLast4 id = new IdLast4.Unavailable(LookupResult.Reason.SOURCE_ERROR);
        final List<CompletableFuture<LookupResult>> pending = new CopyOnWriteArrayList<>();
        final List<Msisdn> asked = new CopyOnWriteArrayList<>();
        final List<Msisdn> idsAsked = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<LookupResult> lookup(Msisdn msisdn, Instant at) {
            asked.add(msisdn);
            if (result != null) {
                return CompletableFuture.completedFuture(result);
            }
            CompletableFuture<LookupResult> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        @Override
        public CompletableFuture<IdLast4> idLast4(Msisdn msisdn, Instant at) {
            idsAsked.add(msisdn);
            return CompletableFuture.completedFuture(id);
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** A per-subscriber limit that allows everything and, like the one shared through Redis, may wait. */
    static final class LimitAskingRedis implements SubscriberLimit {
        @Override
        public RateLimiter.Verdict acquire(long key) {
            return RateLimiter.Verdict.ALLOWED;
        }

        @Override
        public boolean waitsOnPeer() {
            return true;
        }
    }

    /** Replies handed to the carriers' links, with room while {@link #room} says so. */
    static final class RecordingLinks implements ReplyLinks {
        final List<Reply> sent = new ArrayList<>();
        volatile boolean room = true;

        @Override
        public boolean hasRoom(String carrierId) {
            return room;
        }

        @Override
        public void send(Reply reply) {
            sent.add(reply);
        }
    }

    /** Counts the ends of a ticket: exactly once is the promise. */
    static final class CountingTicket implements io.cxmyd.gateway.message.Ticket {
        int ends;

        @Override
        public void end() {
            ends++;
        }
    }
}
