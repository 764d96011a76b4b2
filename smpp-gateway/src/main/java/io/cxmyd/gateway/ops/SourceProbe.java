package io.cxmyd.gateway.ops;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a remote itinerary source answers, for readiness: asks its health check every {@code interval} and
 * keeps the last answer. An HTTP source reports itself ready from start-up (nothing to load), so without this
 * a gateway whose platform is down would stay in the load balancer and answer every subscriber "try later".
 * Not answering until the first check says otherwise. One daemon thread; checks never overlap.
 */
public final class SourceProbe implements AutoCloseable {

    /** Often enough to leave readiness within seconds of an outage, rare enough to cost the platform nothing. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(SourceProbe.class);

    private final Supplier<CompletableFuture<Boolean>> check;
    private final String name;
    private volatile boolean answering;
    private volatile boolean checked;
    private ScheduledExecutorService timer;

    /**
     * @param check the source's health check; its future completes with true or false and never fails (a
     *              failure counts as false)
     * @param name what the log lines call the source ({@code itinerary-http 10.0.0.5:8080})
     */
    public SourceProbe(Supplier<CompletableFuture<Boolean>> check, String name) {
        this.check = Objects.requireNonNull(check, "check");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Starts checking every {@code interval}, the first check at once. */
    public synchronized SourceProbe start(Duration interval) {
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("cxmyd-source-probe", true));
        timer.scheduleWithFixedDelay(this::checkNow, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether the last check was answered by the source. */
    public boolean answering() {
        return answering;
    }

    /** One check, waited for (the source's own timeouts bound it). Public for tests and the timer. */
    public void checkNow() {
        boolean up;
        try {
            up = Boolean.TRUE.equals(check.get().join());
        } catch (RuntimeException e) {
            up = false;
        }
        record(up);
    }

    private void record(boolean up) {
        boolean was = answering;
        boolean first = !checked;
        answering = up;
        checked = true;
        if (up && (first || !was)) {
            log.info("[{}] health check answered: ready", name);
        } else if (!up && (first || was)) {
            log.warn("[{}] health check not answered: not ready until it is", name);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
