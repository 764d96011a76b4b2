package io.cxmyd.gateway.query;

import io.cxmyd.gateway.consent.ConsentAudit;
import io.cxmyd.gateway.consent.ConsentGate;
import io.cxmyd.gateway.consent.ConsentStoreException;
import io.cxmyd.gateway.consent.Decision;
import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.ops.QueryOutcome;
import io.cxmyd.gateway.sms.Command;
import io.cxmyd.gateway.sms.ReplyComposer;
import io.cxmyd.gateway.sms.ReplyContext;
import io.cxmyd.gateway.sms.ReplyKind;
import io.cxmyd.gateway.smpp.InboundMessage;
import io.cxmyd.itinerary.IdLast4;
import io.cxmyd.itinerary.IdLast4Hash;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consent step of {@link QueryService}, between the keyword and the lookup, for carriers whose
 * {@code verification} is not {@code none}: asks {@link ConsentGate} what to do, carries it out (a
 * prompt, the registry check of an ID code, the lookup), and writes every decision to the audit log.
 * The ID code is hashed and compared here, and goes no further: not to a log, not to the store.
 */
public final class ConsentPolicy {

    private static final Logger log = LoggerFactory.getLogger(ConsentPolicy.class);

    /** What {@link QueryService} does for this step: the same reply paths as without consent. */
    interface Replies {
        void finish(InboundMessage m, Msisdn sender, QueryOutcome outcome, ReplyKind kind, String text);

        void usage(InboundMessage m, Msisdn sender, long key, CarrierProfile profile, ReplyContext context);

        void lookup(InboundMessage m, Msisdn sender, CarrierProfile profile, ReplyContext context);
    }

    private final Map<String, Verification> modes;
    private final ConsentGate gate;
    private final IdLast4Hash ids;
    private final ItineraryClient client;
    private final ConsentAudit audit;
    private final Clock clock;
    private final Supplier<Instant> rulesClock;
    private final Executor worker;

    /**
     * @param modes each carrier's verification ({@code none} or absent: no consent step)
     * @param ids the registry's hash function, or {@code null} when no carrier uses id-last4
     * @param clock the real clock of the audit lines
     * @param rulesClock the instant of the registry check: the lookup's, so both share one cached day value
     */
    public ConsentPolicy(Map<String, Verification> modes, ConsentGate gate, IdLast4Hash ids, ItineraryClient client,
            ConsentAudit audit, Clock clock, Supplier<Instant> rulesClock, Executor worker) {
        this.modes = Map.copyOf(modes);
        this.gate = gate;
        this.ids = ids;
        this.client = client;
        this.audit = audit;
        this.clock = clock;
        this.rulesClock = rulesClock;
        this.worker = worker;
        if (ids == null && this.modes.containsValue(Verification.ID_LAST4)) {
            throw new IllegalArgumentException("ids: required when a carrier's verification is id-last4");
        }
    }

    /** Whether texts from {@code carrier} go through this step. */
    public boolean covers(String carrier) {
        Verification v = modes.get(carrier);
        return v != null && v != Verification.NONE;
    }

    void handle(InboundMessage m, Msisdn sender, long key, Command command, CarrierProfile profile,
            ReplyContext context, Replies replies) {
        Verification mode = modes.get(m.carrierId());
        Decision d;
        try {
            d = gate.onText(key, mode, command);
        } catch (ConsentStoreException e) {
            storeUnavailable(e, m, sender, mode, profile, context, replies);
            return;
        }
        if (d instanceof Decision.Usage && !(command instanceof Command.Confirm || command instanceof Command.Verify)) {
            // Any other text with nothing pending: no consent question was asked or answered.
            replies.usage(m, sender, key, profile, context);
            return;
        }
        act(d, m, sender, key, mode, profile, context, replies);
    }

    private void act(Decision d, InboundMessage m, Msisdn sender, long key, Verification mode,
            CarrierProfile profile, ReplyContext context, Replies replies) {
        if (d instanceof Decision.Check check) {
            check(check.code(), m, sender, key, mode, profile, context, replies);
            return;
        }
        record(m, sender, mode, d.outcome());
        ReplyComposer composer = profile.composer();
        Duration window = gate.options().window();
        if (d instanceof Decision.Prompt p) {
            replies.finish(m, sender, QueryOutcome.CONSENT_ASKED, ReplyKind.CONSENT_PROMPT,
                    p.mode() == Verification.CONFIRM
                            ? composer.confirmPrompt(context, sender, window)
                            : composer.idLast4Prompt(context, sender, window));
        } else if (d instanceof Decision.Send) {
            replies.lookup(m, sender, profile, context);
        } else if (d instanceof Decision.WrongCode w) {
            replies.finish(m, sender, QueryOutcome.CONSENT_ASKED, ReplyKind.CONSENT_WRONG_CODE,
                    composer.wrongCode(context, w.attemptsLeft(), window));
        } else if (d instanceof Decision.Locked) {
            replies.finish(m, sender, QueryOutcome.CONSENT_REFUSED, ReplyKind.CONSENT_LOCKED, composer.locked(context));
        } else if (d instanceof Decision.Cancelled) {
            replies.finish(m, sender, QueryOutcome.CONSENT_REFUSED, ReplyKind.CONSENT_CANCELLED,
                    composer.cancelled(context));
        } else {
            replies.usage(m, sender, key, profile, context);
        }
    }

    private void check(String code, InboundMessage m, Msisdn sender, long key, Verification mode,
            CarrierProfile profile, ReplyContext context, Replies replies) {
        client.idLast4(sender, rulesClock.get()).whenCompleteAsync((id, error) -> {
            if (id instanceof IdLast4.Registered r) {
                boolean match = ids.matches(sender, code, r.hash());
                Decision d;
                try {
                    d = gate.onCheck(key, match);
                } catch (ConsentStoreException e) {
                    storeUnavailable(e, m, sender, mode, profile, context, replies);
                    return;
                }
                act(d, m, sender, key, mode, profile, context, replies);
            } else if (id instanceof IdLast4.NotRegistered) {
                record(m, sender, mode, "unverifiable");
                replies.finish(m, sender, QueryOutcome.CONSENT_REFUSED, ReplyKind.CONSENT_UNVERIFIABLE,
                        profile.composer().unverifiable(context));
            } else {
                // The registry did not answer: no attempt is counted, the pending prompt stays, try later.
                record(m, sender, mode, "check_unavailable");
                LookupResult.Reason reason = id instanceof IdLast4.Unavailable u ? u.reason()
                        : LookupResult.Reason.SOURCE_ERROR;
                replies.finish(m, sender, QueryOutcome.UNAVAILABLE, ReplyKind.UNAVAILABLE,
                        profile.composer().compose(new LookupResult.Unavailable(sender, reason), context));
            }
        }, worker);
    }

    /** Without its state the step cannot decide: "busy, try later", never an itinerary nobody confirmed. */
    private void storeUnavailable(ConsentStoreException e, InboundMessage m, Msisdn sender, Verification mode,
            CarrierProfile profile, ReplyContext context, Replies replies) {
        log.warn("[{}] consent step for {} not taken: {}", m.carrierId(), sender.masked(), e.getMessage());
        record(m, sender, mode, "store_unavailable");
        replies.finish(m, sender, QueryOutcome.UNAVAILABLE, ReplyKind.UNAVAILABLE, profile.composer().compose(
                new LookupResult.Unavailable(sender, LookupResult.Reason.SOURCE_ERROR), context));
    }

    private void record(InboundMessage m, Msisdn sender, Verification mode, String outcome) {
        audit.record(clock.instant(), m.carrierId(), sender, mode, outcome);
    }
}
