package io.cxmyd.itinerary.client;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupEvents;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.cache.CacheOptions;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.source.ItinerarySource;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Builds the {@link ItineraryClient}: a source, the rules, and the two cache tiers in front of it.
 *
 * <pre>{@code
 * ItineraryClient client = ItineraryClientBuilder.forSource(source)
 *         .rules(RulesOptions.defaults())
 *         .cache(CacheOptions.builder().redisUri("redis://127.0.0.1:6379").hashKey(secret).build())
 *         .events(metrics)
 *         .build();
 * }</pre>
 *
 * The client takes ownership of the source: {@link ItineraryClient#close()} closes it.
 */
public final class ItineraryClientBuilder {

    private final ItinerarySource source;
    private RulesOptions rules = RulesOptions.defaults();
    private AreaCatalog catalog;
    private CacheOptions cache = CacheOptions.defaults();
    private Duration lookupDeadline = Duration.ofSeconds(3);
    private LookupEvents events = LookupEvents.NONE;
    private Executor executor;
    private Ticker ticker = Ticker.systemTicker();

    private ItineraryClientBuilder(ItinerarySource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    public static ItineraryClientBuilder forSource(ItinerarySource source) {
        return new ItineraryClientBuilder(source);
    }

    public ItineraryClientBuilder rules(RulesOptions rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        return this;
    }

    /** The catalog the source maps areas with; default {@link AreaCatalog#standard()}. */
    public ItineraryClientBuilder catalog(AreaCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        return this;
    }

    public ItineraryClientBuilder cache(CacheOptions cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
        return this;
    }

    /** The longest a lookup takes before it answers {@code Unavailable(TIMEOUT)} (default 3 s). */
    public ItineraryClientBuilder lookupDeadline(Duration deadline) {
        this.lookupDeadline = deadline;
        return this;
    }

    public ItineraryClientBuilder events(LookupEvents events) {
        this.events = Objects.requireNonNull(events, "events");
        return this;
    }

    /**
     * Where lookups run and complete (default: a small pool of the client's own, closed with it). Work
     * given to it never blocks; a caller's executor stays the caller's to shut down.
     */
    public ItineraryClientBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /** The time of cache expiry and Redis retries (default the system's); tests step a fake one. */
    public ItineraryClientBuilder ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    public ItineraryClient build() {
        if (lookupDeadline == null || lookupDeadline.isNegative() || lookupDeadline.isZero()
                || lookupDeadline.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException(
                    "itinerary.lookupDeadline: between 0 and 1 minute, exclusive of 0, was " + lookupDeadline);
        }
        return new TieredItineraryClient(source, rules, catalog == null ? AreaCatalog.standard() : catalog,
                cache, lookupDeadline, events, executor, ticker);
    }
}
