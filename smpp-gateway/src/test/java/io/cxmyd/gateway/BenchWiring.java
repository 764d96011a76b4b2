package io.cxmyd.gateway;

import io.cxmyd.gateway.config.ConfigLoader;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.config.GatewayConfig.Carrier;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The gateway's own wiring of the itinerary client, for load-test tools in test scope (the bench package):
 * the same source, rules, near cache and metrics as {@code run} builds from a config file.
 */
public final class BenchWiring {

    private BenchWiring() {
    }

    /** The client, the instant its rules run at (the config's pinned clock, else now) and its metrics. */
    public record Lookup(ItineraryClient client, Instant at, GatewayMetrics metrics) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            metrics.close();
        }
    }

    public static Lookup lookup(Path configFile) {
        GatewayConfig config = new ConfigLoader().load(configFile);
        AreaCatalog catalog = AreaCatalog.standard();
        GatewayMetrics metrics = new GatewayMetrics(config.carriers().stream().map(Carrier::id).toList());
        ItineraryClient client = ItineraryWiring.client(config, ItineraryWiring.source(config, catalog), catalog,
                metrics);
        return new Lookup(client, config.clock().orElseGet(Instant::now), metrics);
    }
}
