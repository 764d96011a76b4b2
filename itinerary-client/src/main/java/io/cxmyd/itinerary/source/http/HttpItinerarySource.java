package io.cxmyd.itinerary.source.http;

import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.source.ItinerarySource;
import io.cxmyd.itinerary.source.SourceException;
import io.cxmyd.itinerary.source.SubscriberData;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriber data from the carrier platform's HTTP API ({@code itinerary.source: http}), as described in
 * docs/itinerary-api.md: {@code POST /v1/itinerary-data} with the number in the JSON body, never in the URL.
 *
 * <p>The platform returns raw data; the rules compute the itinerary. Area codes are mapped through the
 * {@link AreaCatalog}; an event whose code the catalog does not know is skipped, counted
 * ({@link #skippedEvents()}) and reported in a rate-limited WARN that names the code, never the number.
 *
 * <p>Every failure completes the future with a {@link SourceException} whose kind is {@code timeout},
 * {@code connect}, {@code status_5xx}, {@code status_4xx} or {@code bad_response}. Futures complete on the
 * source's netty threads: dependents must not block. Thread-safe.
 */
public final class HttpItinerarySource implements ItinerarySource {

    /** The data call (docs/itinerary-api.md). */
    public static final String DATA_PATH = "/v1/itinerary-data";
    /** The optional readiness probe of the platform (docs/itinerary-api.md). */
    public static final String HEALTH_PATH = "/v1/health";

    private static final Logger log = LoggerFactory.getLogger(HttpItinerarySource.class);

    private final HttpSourceOptions options;
    private final AreaCatalog catalog;
    private final PooledHttpClient client;
    private final SkippedAreaWarnings warnings;
    private final LongAdder skipped = new LongAdder();
    private final String dataCall;
    private volatile boolean closed;

    public HttpItinerarySource(HttpSourceOptions options, AreaCatalog catalog) {
        this(options, catalog, Clock.systemUTC());
    }

    HttpItinerarySource(HttpSourceOptions options, AreaCatalog catalog, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.warnings = new SkippedAreaWarnings(clock, SkippedAreaWarnings.DEFAULT_INTERVAL);
        this.client = new PooledHttpClient(options);
        this.dataCall = client.describe(HttpMethod.POST, DATA_PATH);
    }

    @Override
    public CompletableFuture<Optional<SubscriberData>> fetch(Msisdn msisdn, DataDay day) {
        Objects.requireNonNull(msisdn, "msisdn");
        Objects.requireNonNull(day, "day");
        byte[] body = PlatformJson.requestBody(msisdn, day);
        CompletableFuture<Optional<SubscriberData>> result = new CompletableFuture<>();
        client.execute(HttpMethod.POST, DATA_PATH, body).whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(asSourceException(error));
                return;
            }
            try {
                Optional<PlatformJson.Decoded> decoded = PlatformAnswers.interpret(response, catalog, dataCall);
                decoded.ifPresent(this::noteSkipped);
                result.complete(decoded.map(PlatformJson.Decoded::data));
            } catch (RuntimeException e) {
                result.completeExceptionally(asSourceException(e));
            }
        });
        return result;
    }

    /**
     * Asks the platform's {@code GET /v1/health}: true on 200, false on any other answer or failure. Never
     * fails. For a gateway that wants its readiness to follow the platform; {@link #ready()} does not call it.
     */
    public CompletableFuture<Boolean> checkHealth() {
        return client.execute(HttpMethod.GET, HEALTH_PATH, new byte[0])
                .handle((response, error) -> error == null && response.status() == 200);
    }

    /** Events skipped so far because their area code is not in the catalog (for a metric). */
    public long skippedEvents() {
        return skipped.sum();
    }

    public HttpSourceOptions options() {
        return options;
    }

    /** True from construction until {@link #close()}: the platform is asked per lookup, nothing preloads. */
    @Override
    public boolean ready() {
        return !closed;
    }

    /** Fails the lookups under way ({@code connect}), closes the connections and the event loops. */
    @Override
    public void close() {
        closed = true;
        client.close();
    }

    private void noteSkipped(PlatformJson.Decoded decoded) {
        if (decoded.skippedEvents() == 0) {
            return;
        }
        skipped.add(decoded.skippedEvents());
        warnings.record(decoded.skippedEvents(), decoded.skippedCodes()).ifPresent(w -> log.warn(
                "[itinerary-http {}:{}] skipped {} event(s) with area codes the division list does not know: {}"
                        + " ({} more skipped since the last warning)",
                options.host(), options.port(), w.events(),
                w.codes().stream().map(Redact::text).collect(Collectors.joining(", ")), w.suppressedBefore()));
    }

    private static SourceException asSourceException(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof SourceException s) {
            return s;
        }
        // Not expected: every path above makes a SourceException. Kept as bad_response so callers see a kind.
        return new SourceException(SourceException.Kind.BAD_RESPONSE, "unexpected " + e.getClass().getSimpleName(), e);
    }
}
