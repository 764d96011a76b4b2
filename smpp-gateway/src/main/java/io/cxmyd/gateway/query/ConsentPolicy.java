package io.cxmyd.gateway.query;

import io.cxmyd.gateway.consent.ConsentAudit;
import io.cxmyd.gateway.consent.ConsentGate;
import io.cxmyd.gateway.consent.ConsentStoreException;
import io.cxmyd.gateway.consent.Decision;
import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.sms.Command;
import io.cxmyd.gateway.sms.ReplyKind;
import io.cxmyd.itinerary.IdLast4;
import io.cxmyd.itinerary.IdLast4Hash;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consent step of the decide room, between the keyword and the lookup, for carriers whose
 * {@code verification} is not {@code none}: asks {@link ConsentGate} what to do, runs the registry check of an
 * ID code, writes every decision to the audit log, and returns what it concluded as a {@link ConsentStep}.
 * The ID code is hashed and compared here, and goes no further: not to a log, not to the store.
 */
public final class ConsentPolicy {

    private static final Logger log = LoggerFactory.getLogger(ConsentPolicy.class);

    private final Map<String, Verification> modes;
    private final ConsentGate gate;
    private final IdLast4Hash ids;
    private final ItineraryClient client;
    private final ConsentAudit audit;
    private final Clock clock;
    private final Supplier<Instant> rulesClock;
    private final Executor afterCheck;

    /**
     * @param modes each carrier's verification ({@code none} or absent: no consent step)
     * @param ids the registry's hash function, or {@code null} when no carrier uses id-last4
     * @param clock the real clock of the audit lines
     * @param rulesClock the instant of the registry check: the lookup's, so both share one cached day value
     * @param worker where the step after a registry check runs (the caller's thread when it refuses)
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
        this.afterCheck = new WorkerOrCaller(worker);
        if (ids == null && this.modes.containsValue(Verification.ID_LAST4)) {
            throw new IllegalArgumentException("ids: required when a carrier's verification is id-last4");
        }
    }

    /** Whether texts from {@code carrier} go through this step. */
    public boolean covers(String carrier) {
        Verification v = modes.get(carrier);
        return v != null && v != Verification.NONE;
    }

    /**
     * What to do with {@code command} from {@code sender} ({@code key}: the keyed hash of the number) on a
     * carrier this step {@link #covers}. Completes at once except while an ID code is checked at the registry.
     */
    public CompletionStage<ConsentStep> decide(String carrier, Msisdn sender, long key, Command command) {
        Verification mode = modes.get(carrier);
        Decision d;
        try {
            d = gate.onText(key, mode, command);
        } catch (ConsentStoreException e) {
            return CompletableFuture.completedFuture(storeUnavailable(e, carrier, sender, mode));
        }
        if (d instanceof Decision.Usage && !(command instanceof Command.Confirm || command instanceof Command.Verify)) {
            // Any other text with nothing pending: no consent question was asked or answered.
            return CompletableFuture.completedFuture(new ConsentStep.NotAsked());
        }
        return act(d, carrier, sender, key, mode);
    }

    private CompletionStage<ConsentStep> act(Decision d, String carrier, Msisdn sender, long key, Verification mode) {
        if (d instanceof Decision.Check check) {
            return check(check.code(), carrier, sender, key, mode);
        }
        record(carrier, sender, mode, d.outcome());
        return CompletableFuture.completedFuture(stepOf(d));
    }

    private ConsentStep stepOf(Decision d) {
        if (d instanceof Decision.Prompt p) {
            return new ConsentStep.Answer(new Verdict.Prompt(p.mode(), gate.options().window()));
        } else if (d instanceof Decision.Send) {
            return new ConsentStep.Lookup();
        } else if (d instanceof Decision.WrongCode w) {
            return new ConsentStep.Answer(new Verdict.WrongCode(w.attemptsLeft(), gate.options().window()));
        } else if (d instanceof Decision.Locked) {
            return new ConsentStep.Answer(new Verdict.ConsentEnded(ReplyKind.CONSENT_LOCKED));
        } else if (d instanceof Decision.Cancelled) {
            return new ConsentStep.Answer(new Verdict.ConsentEnded(ReplyKind.CONSENT_CANCELLED));
        }
        return new ConsentStep.NotAsked();
    }

    private CompletionStage<ConsentStep> check(String code, String carrier, Msisdn sender, long key, Verification mode) {
        return client.idLast4(sender, rulesClock.get()).handleAsync((id, error) -> {
            if (id instanceof IdLast4.Registered r) {
                boolean match = ids.matches(sender, code, r.hash());
                Decision d;
                try {
                    d = gate.onCheck(key, match);
                } catch (ConsentStoreException e) {
                    return CompletableFuture.completedFuture(storeUnavailable(e, carrier, sender, mode));
                }
                return act(d, carrier, sender, key, mode);
            }
            if (id instanceof IdLast4.NotRegistered) {
                record(carrier, sender, mode, "unverifiable");
                return CompletableFuture.<ConsentStep>completedFuture(
                        new ConsentStep.Answer(new Verdict.ConsentEnded(ReplyKind.CONSENT_UNVERIFIABLE)));
            }
            // The registry did not answer: no attempt is counted, the pending prompt stays, try later.
            record(carrier, sender, mode, "check_unavailable");
            LookupResult.Reason reason = id instanceof IdLast4.Unavailable u ? u.reason()
                    : LookupResult.Reason.SOURCE_ERROR;
            return CompletableFuture.<ConsentStep>completedFuture(unavailable(sender, reason));
        }, afterCheck).thenCompose(step -> step);
    }

    /** Without its state the step cannot decide: "busy, try later", never an itinerary nobody confirmed. */
    private ConsentStep storeUnavailable(ConsentStoreException e, String carrier, Msisdn sender, Verification mode) {
        log.warn("[{}] consent step for {} not taken: {}", carrier, sender.masked(), e.getMessage());
        record(carrier, sender, mode, "store_unavailable");
        return unavailable(sender, LookupResult.Reason.SOURCE_ERROR);
    }

    private static ConsentStep unavailable(Msisdn sender, LookupResult.Reason reason) {
        return new ConsentStep.Answer(new Verdict.Looked(new LookupResult.Unavailable(sender, reason)));
    }

    private void record(String carrier, Msisdn sender, Verification mode, String outcome) {
        audit.record(clock.instant(), carrier, sender, mode, outcome);
    }
}
