package io.cxmyd.itinerary.client;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.itinerary.IdLast4;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupEvents;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.LookupResult.Reason;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Tier;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.cache.CacheOptions;
import io.cxmyd.itinerary.cache.DayValue;
import io.cxmyd.itinerary.cache.TieredCache;
import io.cxmyd.itinerary.rules.AccountRules;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.rules.StayCalculator;
import io.cxmyd.itinerary.source.ItinerarySource;
import io.cxmyd.itinerary.source.PrecomputedSource;
import io.cxmyd.itinerary.source.SourceException;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lookup = data day → cache tiers → (on a miss) source and stay calculator → account rules.
 *
 * <p>The account rules run after the cache on every lookup: the cached value is per data day, while the
 * rules also depend on the query date, which turns at midnight, eight hours before the data day does.
 *
 * <p>Threads: a near-cache hit is decided on the caller's thread (hashing the key and the account rules,
 * no waiting). Otherwise loads start on the executor; the source completes on its own threads and the
 * calculation hops back to the executor; the result completes on the executor, or on the client's deadline
 * thread when the deadline wins. Nothing runs on lettuce's event loop.
 */
final class TieredItineraryClient implements ItineraryClient {

    private static final Logger log = LoggerFactory.getLogger(TieredItineraryClient.class);

    private final ItinerarySource source;
    private final RulesOptions rules;
    private final StayCalculator calculator;
    private final AccountRules accountRules;
    private final TieredCache cache;
    private final long deadlineNanos;
    private final LookupEvents events;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final ScheduledExecutorService timer;
    private final Ticker ticker;

    TieredItineraryClient(ItinerarySource source, RulesOptions rules, AreaCatalog catalog, CacheOptions cacheOptions,
            Duration deadline, LookupEvents events, Executor executor, Ticker ticker) {
        this.source = source;
        this.rules = rules;
        this.calculator = new StayCalculator(rules, catalog);
        this.accountRules = new AccountRules(rules);
        this.deadlineNanos = deadline.toNanos();
        this.events = events;
        this.ticker = ticker;
        this.ownedExecutor = executor == null
                ? Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                        daemonThreads("cxmyd-lookup-"))
                : null;
        this.executor = executor == null ? ownedExecutor : executor;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemonThreads("cxmyd-lookup-deadline-"));
        t.setRemoveOnCancelPolicy(true); // most deadlines are cancelled: do not keep them queued
        this.timer = t;
        this.cache = TieredCache.create(cacheOptions, catalog, events, this.executor, ticker);
    }

    @Override
    public CompletableFuture<LookupResult> lookup(Msisdn msisdn, Instant at) {
        return lookup(msisdn, at, null);
    }

    @Override
    public CompletableFuture<LookupResult> lookup(Msisdn msisdn, Instant at, String carrierId) {
        long start = ticker.read();
        DataDay day;
        CompletableFuture<TieredCache.Hit> cached;
        try {
            day = DataDay.at(at, rules);
            cached = cache.get(msisdn, day, at, () -> load(msisdn, day));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unavailable(msisdn, e));
        }
        BiFunction<TieredCache.Hit, Throwable, LookupResult> decide = (hit, error) -> {
            if (error != null) {
                return unavailable(msisdn, error);
            }
            SubscriberProfile profile = CarrierCheck.profileFor(hit.value().profile(), carrierId, events);
            LookupResult r = accountRules.decide(msisdn, profile, hit.value().trip(), day, source.riskAreaIds());
            events.lookupCompleted(hit.tier(), ticker.read() - start);
            return r;
        };
        if (cached.isDone()) {
            // A near-cache hit (the common case under load): the rules are a few microseconds of arithmetic,
            // cheaper on this thread than the two thread hand-offs and the deadline timer of the path below,
            // which were a third of a warm query's CPU (docs/performance.md, sixth run).
            return cached.handle(decide);
        }
        CompletableFuture<LookupResult> result = new CompletableFuture<>();
        ScheduledFuture<?> deadline = timer.schedule(
                () -> result.complete(new LookupResult.Unavailable(msisdn, Reason.TIMEOUT)),
                deadlineNanos, TimeUnit.NANOSECONDS);
        cached.handleAsync(decide, executor).whenComplete((r, error) -> {
            deadline.cancel(false);
            result.complete(error == null ? r : unavailable(msisdn, error));
        });
        return result;
    }

    /**
     * Through the same cache tiers as {@link #lookup}: the profile is part of the cached day value, so the
     * itinerary lookup that follows a successful check is a near-cache hit. A hash changed in the registry
     * is therefore seen from the next data day (or once the entry leaves the near cache).
     */
    @Override
    public CompletableFuture<IdLast4> idLast4(Msisdn msisdn, Instant at) {
        CompletableFuture<IdLast4> result = new CompletableFuture<>();
        ScheduledFuture<?> deadline = timer.schedule(
                () -> result.complete(new IdLast4.Unavailable(Reason.TIMEOUT)), deadlineNanos, TimeUnit.NANOSECONDS);
        try {
            DataDay day = DataDay.at(at, rules);
            cache.get(msisdn, day, at, () -> load(msisdn, day)).whenComplete((hit, error) -> {
                deadline.cancel(false);
                if (error != null) {
                    result.complete(new IdLast4.Unavailable(
                            ((LookupResult.Unavailable) unavailable(msisdn, error)).reason()));
                    return;
                }
                SubscriberProfile p = hit.value().profile();
                result.complete(p == null || p.idLast4Hash() == null
                        ? new IdLast4.NotRegistered()
                        : new IdLast4.Registered(p.idLast4Hash()));
            });
        } catch (RuntimeException e) {
            deadline.cancel(false);
            result.complete(new IdLast4.Unavailable(Reason.SOURCE_ERROR));
        }
        return result;
    }

    /** Through the same cache tiers as {@link #lookup}: the profile is part of the cached day value. */
    @Override
    public CompletableFuture<java.util.Optional<String>> registeredCarrier(Msisdn msisdn, Instant at) {
        CompletableFuture<java.util.Optional<String>> result = new CompletableFuture<>();
        ScheduledFuture<?> deadline = timer.schedule(
                () -> result.complete(java.util.Optional.empty()), deadlineNanos, TimeUnit.NANOSECONDS);
        try {
            DataDay day = DataDay.at(at, rules);
            cache.get(msisdn, day, at, () -> load(msisdn, day)).whenComplete((hit, error) -> {
                deadline.cancel(false);
                SubscriberProfile p = error == null ? hit.value().profile() : null;
                result.complete(java.util.Optional.ofNullable(p).map(SubscriberProfile::carrier));
            });
        } catch (RuntimeException e) {
            deadline.cancel(false);
            result.complete(java.util.Optional.empty());
        }
        return result;
    }

    /** The source's data for {@code day}, bounded by the deadline so that a hung load leaves the cache. */
    private CompletableFuture<DayValue> load(Msisdn msisdn, DataDay day) {
        if (!source.ready()) {
            return CompletableFuture.failedFuture(new NotReadyException());
        }
        CompletableFuture<DayValue> value;
        try {
            if (source instanceof PrecomputedSource stored) {
                // The store holds the day's computed value: no calculator here, the job ran it.
                value = bounded(stored.fetchComputed(msisdn, day).toCompletableFuture())
                        .thenApplyAsync(found -> found.orElseGet(DayValue::unknown), executor);
            } else {
                value = bounded(source.fetch(msisdn, day).toCompletableFuture())
                        .thenApplyAsync(data -> data
                                .map(d -> DayValue.compute(d.profile(), d.events(), calculator, day))
                                .orElseGet(DayValue::unknown), executor);
            }
        } catch (RuntimeException e) {
            value = CompletableFuture.failedFuture(e);
        }
        return value.whenComplete((v, error) -> {
            SourceException.Kind kind = error == null ? null : sourceErrorKind(error);
            if (kind != null) {
                events.sourceError(kind);
            }
        });
    }

    /** {@code fetched}, failed with a timeout when the source has not answered within the deadline. */
    private <T> CompletableFuture<T> bounded(CompletableFuture<T> fetched) {
        CompletableFuture<T> bounded = new CompletableFuture<>();
        ScheduledFuture<?> limit = timer.schedule(
                () -> bounded.completeExceptionally(new TimeoutException("source")), deadlineNanos,
                TimeUnit.NANOSECONDS);
        fetched.whenComplete((data, error) -> {
            limit.cancel(false);
            if (error != null) {
                bounded.completeExceptionally(error);
            } else {
                bounded.complete(data);
            }
        });
        return bounded;
    }

    private static LookupResult unavailable(Msisdn msisdn, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof TimeoutException) {
            return new LookupResult.Unavailable(msisdn, Reason.TIMEOUT);
        }
        if (cause instanceof NotReadyException) {
            return new LookupResult.Unavailable(msisdn, Reason.NOT_READY);
        }
        if (cause instanceof SourceException se) {
            return new LookupResult.Unavailable(msisdn,
                    se.kind() == SourceException.Kind.TIMEOUT ? Reason.TIMEOUT : Reason.SOURCE_ERROR);
        }
        // A bug, not an outage: say so loudly, but the subscriber still gets an answer.
        log.error("lookup for {} failed", msisdn.masked(), cause);
        return new LookupResult.Unavailable(msisdn, Reason.SOURCE_ERROR);
    }

    /** The source's failure, or null when the failure was not the source's (not ready, a bug). */
    private static SourceException.Kind sourceErrorKind(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof SourceException se) {
            return se.kind();
        }
        return cause instanceof TimeoutException ? SourceException.Kind.TIMEOUT : null;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public boolean ready() {
        return source.ready();
    }

    @Override
    public void close() {
        cache.close();
        timer.shutdownNow();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
        source.close();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The source has not loaded yet: answered as {@link Reason#NOT_READY}, never cached. */
    private static final class NotReadyException extends RuntimeException {
        NotReadyException() {
            super("source not ready", null, false, false);
        }
    }
}
