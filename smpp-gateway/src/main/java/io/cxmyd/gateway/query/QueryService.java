package io.cxmyd.gateway.query;

import io.cxmyd.gateway.delivery.Outbox;
import io.cxmyd.gateway.delivery.Reply;
import io.cxmyd.gateway.journal.AcceptLog;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.ops.QueryOutcome;
import io.cxmyd.gateway.sms.Command;
import io.cxmyd.gateway.sms.DecodeResult;
import io.cxmyd.gateway.sms.EncodedSegment;
import io.cxmyd.gateway.sms.Keyword;
import io.cxmyd.gateway.sms.ReplyContext;
import io.cxmyd.gateway.sms.ReplyKind;
import io.cxmyd.gateway.sms.Segmenter;
import io.cxmyd.gateway.sms.TextDecoder;
import io.cxmyd.gateway.smpp.InboundHandler;
import io.cxmyd.gateway.smpp.InboundMessage;
import io.cxmyd.gateway.smpp.OutboundPart;
import io.cxmyd.gateway.smpp.SmppAddress;
import io.cxmyd.gateway.smpp.SmppStatus;
import io.cxmyd.itinerary.InvalidMsisdnException;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of one query: bind → parse → lookup → decide → format → segment → deliver.
 *
 * <p>{@link #onMessage} runs on the SMPP layer's PDU thread, which writes submit_sm_resp when it returns: it
 * only checks what decides the response status (draining, destination, sender, coding) and hands the rest
 * to {@code worker}. The lookup is asynchronous; composing and queueing the reply run on {@code worker}.
 */
public final class QueryService implements InboundHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryService.class);

    private final ServiceDirectory directory;
    private final Map<String, CarrierProfile> carriers;
    private final ItineraryClient client;
    private final Outbox outbox;
    private final GatewayMetrics metrics;
    private final GatewayState state;
    private final SubscriberLimit perSubscriber;
    private final RateLimiter usageReplies;
    private final SubscriberKey keys;
    private final Supplier<Instant> rulesClock;
    private final Executor worker;
    private final ConsentPolicy consent;
    private final AcceptLog acceptLog;

    private QueryService(Builder b) {
        this.directory = Objects.requireNonNull(b.directory, "directory");
        this.carriers = Map.copyOf(Objects.requireNonNull(b.carriers, "carriers"));
        this.client = Objects.requireNonNull(b.client, "client");
        this.outbox = Objects.requireNonNull(b.outbox, "outbox");
        this.metrics = Objects.requireNonNull(b.metrics, "metrics");
        this.state = Objects.requireNonNull(b.state, "state");
        this.rulesClock = Objects.requireNonNull(b.rulesClock, "rulesClock");
        this.worker = Objects.requireNonNull(b.worker, "worker");
        this.perSubscriber = b.perSubscriber;
        this.usageReplies = b.usageReplies;
        this.consent = b.consent;
        this.acceptLog = b.acceptLog;
        this.keys = b.keys != null ? b.keys : new SubscriberKey();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The parts of the query path. Required: directory, carriers, client, outbox, metrics, state, rulesClock,
     * worker. Optional: the limits (absent = off), the consent step (absent = every carrier on {@code none}),
     * the accept log (absent = queries acknowledged unrecorded), the subscriber key (absent = a random one).
     */
    public static final class Builder {
        private ServiceDirectory directory;
        private Map<String, CarrierProfile> carriers;
        private ItineraryClient client;
        private Outbox outbox;
        private GatewayMetrics metrics;
        private GatewayState state;
        private Supplier<Instant> rulesClock;
        private Executor worker;
        private SubscriberLimit perSubscriber;
        private RateLimiter usageReplies;
        private ConsentPolicy consent;
        private AcceptLog acceptLog = AcceptLog.NONE;
        private SubscriberKey keys;

        private Builder() {
        }

        public Builder directory(ServiceDirectory directory) {
            this.directory = directory;
            return this;
        }

        public Builder carriers(Map<String, CarrierProfile> carriers) {
            this.carriers = carriers;
            return this;
        }

        public Builder client(ItineraryClient client) {
            this.client = client;
            return this;
        }

        public Builder outbox(Outbox outbox) {
            this.outbox = outbox;
            return this;
        }

        public Builder metrics(GatewayMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder state(GatewayState state) {
            this.state = state;
            return this;
        }

        /** The instant the itinerary rules use: the real clock, or the config's pinned one. */
        public Builder rulesClock(Supplier<Instant> rulesClock) {
            this.rulesClock = rulesClock;
            return this;
        }

        /** Where the work after submit_sm_resp runs; its refusals become ESME_RTHROTTLED. */
        public Builder worker(Executor worker) {
            this.worker = worker;
            return this;
        }

        /** The per-subscriber query limit; {@code null} switches it off. */
        public Builder perSubscriber(SubscriberLimit limiter) {
            this.perSubscriber = limiter;
            return this;
        }

        /** At most one usage reply per sender per interval; {@code null} answers every unknown keyword. */
        public Builder usageReplies(RateLimiter limiter) {
            this.usageReplies = limiter;
            return this;
        }

        /** The consent step of carriers with a verification; {@code null} when none has one. */
        public Builder consent(ConsentPolicy consent) {
            this.consent = consent;
            return this;
        }

        /** Where a query is recorded durably before it is acknowledged (the journal). */
        public Builder acceptLog(AcceptLog acceptLog) {
            this.acceptLog = Objects.requireNonNull(acceptLog, "acceptLog");
            return this;
        }

        /** The keyed hash of numbers for the limits and the consent state (shared across instances with Redis). */
        public Builder keys(SubscriberKey keys) {
            this.keys = keys;
            return this;
        }

        public QueryService build() {
            return new QueryService(this);
        }
    }

    @Override
    public SmppStatus onMessage(InboundMessage m) {
        String carrier = m.carrierId();
        if (!state.accepting(carrier)) {
            // SMPP 3.4 §5.1.3: ESME_RX_T_APPN, "temporary app error": the SMSC keeps the message and retries.
            return SmppStatus.ESME_RX_T_APPN;
        }
        if (m.isReceipt()) {
            // A delivery receipt for one of our replies: acknowledged, never taken for a query.
            log.debug("[{}] delivery receipt ignored", carrier);
            return SmppStatus.ESME_ROK;
        }
        if (!directory.isServiceNumberOf(carrier, m.destination().address())) {
            return reject(carrier, SmppStatus.ESME_RINVDSTADR, "destination is not a service number of this carrier");
        }
        Msisdn sender;
        try {
            sender = Msisdn.parse(m.source().address());
        } catch (InvalidMsisdnException | NullPointerException e) {
            // Alphanumeric senders, short codes, landlines, foreign numbers: never answered.
            return reject(carrier, SmppStatus.ESME_RINVSRCADR, "source is not a mainland mobile number");
        }
        if (directory.isOwnNumber(m.source().address())) {
            return reject(carrier, SmppStatus.ESME_RINVSRCADR, "source is one of our service numbers");
        }
        DecodeResult decoded = TextDecoder.decode(m);
        if (decoded instanceof DecodeResult.Rejected r) {
            return reject(carrier, r.status(), r.reason());
        }
        String text = ((DecodeResult.Text) decoded).text();
        if (!outbox.hasRoom(carrier)) {
            // Replies cannot leave as fast as queries come: push back so the SMSC slows down and retries.
            metrics.query(carrier, QueryOutcome.REJECTED);
            return SmppStatus.ESME_RTHROTTLED;
        }
        // Durable accept: ESME_ROK only once the query is on the disk, so a crash cannot lose it.
        SmppStatus recorded = acceptLog.accept(m);
        if (recorded != SmppStatus.ESME_ROK) {
            metrics.query(carrier, QueryOutcome.REJECTED);
            return recorded;
        }
        try {
            worker.execute(() -> handle(m, sender, text, true));
        } catch (RejectedExecutionException e) {
            acceptLog.settled(m);
            metrics.query(carrier, QueryOutcome.REJECTED);
            return SmppStatus.ESME_RTHROTTLED;
        }
        return SmppStatus.ESME_ROK;
    }

    /**
     * Processes again a query an earlier run accepted and did not finish (journal replay). It passed the
     * checks and the per-subscriber limit then, so neither applies again. Returns false, changing nothing,
     * when there is no room for it now; true once it is on its way or settled for good.
     */
    public boolean replay(InboundMessage m) {
        if (!carriers.containsKey(m.carrierId())) {
            log.warn("[{}] a journal entry of a carrier no longer configured is dropped", m.carrierId());
            acceptLog.settled(m);
            return true;
        }
        if (!outbox.hasRoom(m.carrierId())) {
            return false;
        }
        Msisdn sender;
        try {
            sender = Msisdn.parse(m.source().address());
        } catch (InvalidMsisdnException e) {
            acceptLog.settled(m);
            return true;
        }
        if (!(TextDecoder.decode(m) instanceof DecodeResult.Text decoded)) {
            acceptLog.settled(m);
            return true;
        }
        try {
            worker.execute(() -> handle(m, sender, decoded.text(), false));
        } catch (RejectedExecutionException e) {
            return false;
        }
        return true;
    }

    private SmppStatus reject(String carrier, SmppStatus status, String why) {
        log.debug("[{}] message refused with {}: {}", carrier, status, why);
        metrics.query(carrier, QueryOutcome.REJECTED);
        return status;
    }

    private void handle(InboundMessage m, Msisdn sender, String text, boolean limited) {
        String carrier = m.carrierId();
        CarrierProfile profile = carriers.get(carrier);
        ReplyContext context = new ReplyContext(profile.signature(), m.destination().address());
        boolean withConsent = consent != null && consent.covers(carrier);
        // The keyed hash is an HMAC-SHA256: paid only when a limit or the consent state needs it (computed
        // for every query, it was about 15% of the CPU of a warm query; docs/performance.md).
        long key = perSubscriber != null && limited || withConsent ? keys.of(sender) : 0L;
        if (perSubscriber != null && limited) {
            switch (perSubscriber.acquire(key)) {
                case FIRST_OVER -> {
                    finish(m, sender, QueryOutcome.THROTTLED, ReplyKind.TOO_FREQUENT,
                            profile.composer().tooFrequent(context));
                    return;
                }
                case OVER -> {
                    finish(m, sender, QueryOutcome.THROTTLED, null, null);
                    return;
                }
                case ALLOWED -> {
                }
            }
        }
        if (withConsent) {
            consent.handle(m, sender, key, Keyword.parseWithConsent(text), profile, context, consentReplies);
            return;
        }
        Command command = Keyword.parse(text);
        if (command instanceof Command.Other) {
            usage(m, sender, key != 0L ? key : keys.of(sender), profile, context);
            return;
        }
        lookup(m, sender, profile, context);
    }

    private final ConsentPolicy.Replies consentReplies = new ConsentPolicy.Replies() {
        @Override
        public void finish(InboundMessage m, Msisdn sender, QueryOutcome outcome, ReplyKind kind, String text) {
            QueryService.this.finish(m, sender, outcome, kind, text);
        }

        @Override
        public void usage(InboundMessage m, Msisdn sender, long key, CarrierProfile profile, ReplyContext context) {
            QueryService.this.usage(m, sender, key, profile, context);
        }

        @Override
        public void lookup(InboundMessage m, Msisdn sender, CarrierProfile profile, ReplyContext context) {
            QueryService.this.lookup(m, sender, profile, context);
        }
    };

    private void usage(InboundMessage m, Msisdn sender, long key, CarrierProfile profile, ReplyContext context) {
        boolean answer = usageReplies == null || usageReplies.acquire(key) == RateLimiter.Verdict.ALLOWED;
        finish(m, sender, QueryOutcome.UNKNOWN_KEYWORD, answer ? ReplyKind.USAGE : null,
                answer ? profile.composer().usage(context) : null);
    }

    private void lookup(InboundMessage m, Msisdn sender, CarrierProfile profile, ReplyContext context) {
        // Only the sender's own itinerary: whatever follows the keyword is ignored (itinerary-rules.md §5).
        client.lookup(sender, rulesClock.get()).whenCompleteAsync((result, error) -> {
            LookupResult r = result != null ? result
                    : new LookupResult.Unavailable(sender, LookupResult.Reason.SOURCE_ERROR);
            ReplyKind kind = ReplyKind.of(r);
            finish(m, sender, outcomeOf(kind), kind, profile.composer().compose(r, context));
        }, this::afterLookup);
    }

    /**
     * Runs the reply step of a lookup on the worker; when the worker refuses (full, or shut down while the
     * gateway drains) it runs on the thread that completed the lookup, so an acknowledged query never loses
     * its reply to a full queue or a stop.
     */
    private void afterLookup(Runnable replyStep) {
        try {
            worker.execute(replyStep);
        } catch (RejectedExecutionException e) {
            replyStep.run();
        }
    }

    private void finish(InboundMessage m, Msisdn sender, QueryOutcome outcome, ReplyKind kind, String text) {
        String carrier = m.carrierId();
        metrics.query(carrier, outcome);
        int parts = 0;
        if (text != null) {
            CarrierProfile profile = carriers.get(carrier);
            List<EncodedSegment> segments = Segmenter.encode(text, profile.concatenation(), profile.nextReference());
            SmppAddress from = m.destination();
            List<OutboundPart> outbound = EncodedSegment.toOutboundParts(segments, carrier, from, m.source());
            parts = outbound.size();
            Reply reply = new Reply(carrier, outbound, m.receivedAt(), kind.label());
            acceptLog.replying(m, reply);
            outbox.submit(reply);
        } else {
            acceptLog.settled(m);
        }
        long micros = java.time.Duration.between(m.receivedAt(), Instant.now()).toNanos() / 1000;
        QueryLog.line(carrier, sender, outcome, kind, parts, micros);
    }

    private static QueryOutcome outcomeOf(ReplyKind kind) {
        return switch (kind) {
            case FOUND -> QueryOutcome.SERVED;
            case NOTHING_QUALIFIED -> QueryOutcome.NOTHING_QUALIFIED;
            case NEW_ACCOUNT -> QueryOutcome.NEW_ACCOUNT;
            case NO_DATA -> QueryOutcome.NO_DATA;
            case UNAVAILABLE -> QueryOutcome.UNAVAILABLE;
            case USAGE -> QueryOutcome.UNKNOWN_KEYWORD;
            case TOO_FREQUENT -> QueryOutcome.THROTTLED;
            case CONSENT_PROMPT, CONSENT_WRONG_CODE -> QueryOutcome.CONSENT_ASKED;
            case CONSENT_LOCKED, CONSENT_CANCELLED, CONSENT_UNVERIFIABLE -> QueryOutcome.CONSENT_REFUSED;
        };
    }
}
