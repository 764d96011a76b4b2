package io.cxmyd.gateway.query;

import io.cxmyd.gateway.ops.QueryOutcome;
import io.cxmyd.gateway.sms.Command;
import io.cxmyd.gateway.sms.Keyword;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The decide room: per-subscriber limit, keyword, consent step, lookup. Takes an accepted query and returns
 * the {@link Verdict}; writes nothing and sends nothing. Completes at once unless the itinerary source (or
 * the ID registry) is asked; then the verdict completes on the worker.
 */
public final class QueryDecider {

    private final ItineraryClient client;
    private final Supplier<Instant> rulesClock;
    private final SubscriberLimit perSubscriber;
    private final RateLimiter usageReplies;
    private final ConsentPolicy consent;
    private final SubscriberKey keys;
    private final Executor afterLookup;

    /**
     * @param rulesClock the instant the itinerary rules use: the real clock, or the config's pinned one
     * @param perSubscriber the per-subscriber query limit; {@code null} switches it off
     * @param usageReplies at most one usage reply per sender per interval; {@code null} answers every unknown text
     * @param consent the consent step of carriers with a verification; {@code null} when none has one
     * @param keys the keyed hash of numbers for the limits and the consent state
     * @param worker where the step after a lookup runs (the caller's thread when it refuses)
     */
    public QueryDecider(ItineraryClient client, Supplier<Instant> rulesClock, SubscriberLimit perSubscriber,
            RateLimiter usageReplies, ConsentPolicy consent, SubscriberKey keys, Executor worker) {
        this.client = Objects.requireNonNull(client, "client");
        this.rulesClock = Objects.requireNonNull(rulesClock, "rulesClock");
        this.perSubscriber = perSubscriber;
        this.usageReplies = usageReplies;
        this.consent = consent;
        this.keys = Objects.requireNonNull(keys, "keys");
        this.afterLookup = new WorkerOrCaller(worker);
    }

    /**
     * Whether {@link #decide} may wait on the calling thread for another process: the shared limit asks Redis,
     * and the consent state may live there. Lookups never wait: they complete on the worker.
     */
    public boolean waitsOnPeer() {
        return perSubscriber != null && perSubscriber.waitsOnPeer() || consent != null;
    }

    public CompletionStage<Verdict> decide(AcceptedQuery q) {
        Msisdn sender = q.sender();
        boolean withConsent = consent != null && consent.covers(q.carrierId());
        boolean limited = perSubscriber != null && q.live();
        // The keyed hash is an HMAC-SHA256: paid only when a limit or the consent state needs it (computed
        // for every query, it was about 15% of the CPU of a warm query; docs/performance.md).
        long key = limited || withConsent ? keys.of(sender) : 0L;
        if (limited) {
            switch (perSubscriber.acquire(key)) {
                case FIRST_OVER -> {
                    return done(new Verdict.TooFrequent());
                }
                case OVER -> {
                    return done(new Verdict.Silent(QueryOutcome.THROTTLED));
                }
                case ALLOWED -> {
                }
            }
        }
        if (withConsent) {
            return consent.decide(q.carrierId(), sender, key, Keyword.parseWithConsent(q.text()))
                    .thenCompose(step -> {
                        if (step instanceof ConsentStep.Answer a) {
                            return done(a.verdict());
                        }
                        if (step instanceof ConsentStep.Lookup) {
                            return lookup(q.carrierId(), sender);
                        }
                        return done(usage(key));
                    });
        }
        Command command = Keyword.parse(q.text());
        if (command instanceof Command.Other) {
            return done(usage(key != 0L ? key : keys.of(sender)));
        }
        return lookup(q.carrierId(), sender);
    }

    private Verdict usage(long key) {
        boolean answer = usageReplies == null || usageReplies.acquire(key) == RateLimiter.Verdict.ALLOWED;
        return answer ? new Verdict.Usage() : new Verdict.Silent(QueryOutcome.UNKNOWN_KEYWORD);
    }

    private CompletionStage<Verdict> lookup(String carrierId, Msisdn sender) {
        // Only the sender's own itinerary: whatever follows the keyword is ignored (itinerary-rules.md §5).
        // Through the carrier check: another carrier's subscriber is answered as an unknown number.
        CompletableFuture<LookupResult> looked = client.lookup(sender, rulesClock.get(), carrierId);
        BiFunction<LookupResult, Throwable, Verdict> verdict = (result, error) -> new Verdict.Looked(
                result != null ? result : new LookupResult.Unavailable(sender, LookupResult.Reason.SOURCE_ERROR));
        // Answered from the near cache, it stays on this thread; otherwise back on the query workers, off the
        // client's threads.
        return looked.isDone() ? looked.handle(verdict) : looked.handleAsync(verdict, afterLookup);
    }

    private static CompletionStage<Verdict> done(Verdict v) {
        return CompletableFuture.completedFuture(v);
    }
}
