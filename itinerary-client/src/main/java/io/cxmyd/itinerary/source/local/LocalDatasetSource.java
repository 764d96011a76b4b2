package io.cxmyd.itinerary.source.local;

import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.source.ItinerarySource;
import io.cxmyd.itinerary.source.SourceException;
import io.cxmyd.itinerary.source.SubscriberData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded dataset ({@code itinerary.source: local}): the four CSV files of a folder (format in
 * docs/dataset.md), loaded whole into memory at start-up and answered from there without I/O.
 *
 * <p>Events are held in flat primitive arrays grouped by subscriber (see {@link EventStore}); a fetch is a
 * hash probe and a view over the subscriber's slice, and completes at once. A malformed row stops the load
 * with a {@link DatasetException} naming file, line and reason: a half-loaded dataset would answer "no
 * data" for subscribers who have data. Thread-safe once loaded.
 */
public final class LocalDatasetSource implements ItinerarySource {

    private static final Logger log = LoggerFactory.getLogger(LocalDatasetSource.class);

    private final SubscriberTable subscribers;
    private final EventStore events;
    private final Set<Integer> riskAreaIds;
    private final LocalDatasetStats stats;
    private volatile boolean open = true;

    private LocalDatasetSource(SubscriberTable subscribers, EventStore events, Set<Integer> riskAreaIds,
            LocalDatasetStats stats) {
        this.subscribers = subscribers;
        this.events = events;
        this.riskAreaIds = riskAreaIds;
        this.stats = stats;
    }

    /** Loads {@code dir}, accepting any well-formed carrier id. */
    public static LocalDatasetSource load(Path dir, AreaCatalog catalog) {
        return load(dir, catalog, Set.of());
    }

    /**
     * Loads {@code dir}; a subscriber whose carrier is not in {@code carriers} (the gateway's configured
     * carrier ids) stops the load. An empty set accepts any well-formed carrier id.
     *
     * @throws DatasetException on a missing file or a malformed row
     */
    public static LocalDatasetSource load(Path dir, AreaCatalog catalog, Set<String> carriers) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(carriers, "carriers");
        if (!Files.isDirectory(dir)) {
            throw DatasetException.at(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(), 0,
                    "not a directory: " + dir.toAbsolutePath());
        }
        long started = System.nanoTime();
        CellTable cells = CellTable.load(dir, catalog);
        SubscriberTable subscribers = SubscriberTable.load(dir, Set.copyOf(carriers));
        EventStore events = SignalingLoader.load(dir, subscribers, cells);
        Set<Integer> risk = RiskAreas.load(dir, catalog);
        LocalDatasetStats stats = new LocalDatasetStats(subscribers.size(), cells.size(), events.events(),
                events.eventBytes(), events.offsetBytes() + subscribers.heapBytes(),
                Duration.ofNanos(System.nanoTime() - started));
        log.info("local dataset {}: {} subscribers, {} cells, {} events, {} risk areas, loaded in {} ms",
                dir.toAbsolutePath(), stats.subscribers(), stats.cells(), stats.events(), risk.size(),
                stats.loadTime().toMillis());
        return new LocalDatasetSource(subscribers, events, risk, stats);
    }

    /**
     * The subscriber's profile and all its events (the calculator clips them to {@code day}'s window: a
     * run that began long before the window still needs its first event to be measured right); empty for
     * a number that subscribers.csv does not list.
     */
    @Override
    public CompletableFuture<Optional<SubscriberData>> fetch(Msisdn msisdn, DataDay day) {
        if (!open) {
            return CompletableFuture.failedFuture(new SourceException(SourceException.Kind.CONNECT, "local dataset is closed"));
        }
        int row = subscribers.indexOf(MsisdnIndex.key(msisdn.digits()));
        if (row < 0) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.completedFuture(
                Optional.of(new SubscriberData(subscribers.profile(row), events.track(row))));
    }

    @Override
    public Set<Integer> riskAreaIds() {
        return riskAreaIds;
    }

    /** True from the end of the load (the factory returns only a loaded source) until {@link #close()}. */
    @Override
    public boolean ready() {
        return open;
    }

    public LocalDatasetStats stats() {
        return stats;
    }

    @Override
    public void close() {
        open = false;
    }
}
