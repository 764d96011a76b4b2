package io.cxmyd.itinerary.client;

import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.source.ItinerarySource;
import io.cxmyd.itinerary.source.SourceException;
import io.cxmyd.itinerary.source.SubscriberData;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link ItinerarySource} that counts its fetches and can be made to fail, hang, or hold
 * its answers until released. A collaborator of the tests, not a stand-in for Redis.
 */
public final class TestSource implements ItinerarySource {

    private final Map<Msisdn, SubscriberData> data = new ConcurrentHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile SourceException failure;
    private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
    private volatile boolean ready = true;

    public TestSource with(Msisdn msisdn, SubscriberData subscriber) {
        data.put(msisdn, subscriber);
        return this;
    }

    /** Every fetch fails with {@code e} (null: heal). */
    public void failWith(SourceException e) {
        this.failure = e;
    }

    /** Fetches answer only once the returned future completes (never, if the test never does). */
    public CompletableFuture<Void> hold() {
        CompletableFuture<Void> g = new CompletableFuture<>();
        gate = g;
        return g;
    }

    /** Fetches from now on answer at once; those held so far stay held forever. */
    public void answerNewFetches() {
        gate = CompletableFuture.completedFuture(null);
    }

    public void release() {
        gate.complete(null);
        gate = CompletableFuture.completedFuture(null);
    }

    public void ready(boolean ready) {
        this.ready = ready;
    }

    public int fetches() {
        return fetches.get();
    }

    @Override
    public CompletableFuture<Optional<SubscriberData>> fetch(Msisdn msisdn, DataDay day) {
        fetches.incrementAndGet();
        SourceException e = failure;
        if (e != null) {
            return CompletableFuture.failedFuture(e);
        }
        return gate.thenApply(x -> Optional.ofNullable(data.get(msisdn)));
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public void close() {
    }
}
