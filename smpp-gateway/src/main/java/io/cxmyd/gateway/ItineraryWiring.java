package io.cxmyd.gateway;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.LookupEvents;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.cache.CacheOptions;
import io.cxmyd.itinerary.cache.StoreOptions;
import io.cxmyd.itinerary.cache.StoreSource;
import io.cxmyd.itinerary.client.ItineraryClientBuilder;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.source.ItinerarySource;
import io.cxmyd.itinerary.source.http.HttpItinerarySource;
import io.cxmyd.itinerary.source.http.HttpSourceOptions;
import io.cxmyd.itinerary.source.local.LocalDatasetSource;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the itinerary client the config asks for: the source, the rules, the cache tiers. */
final class ItineraryWiring {

    private ItineraryWiring() {
    }

    static RulesOptions rules(GatewayConfig.Itinerary it) {
        return RulesOptions.defaults()
                .withWindowDays(it.windowDays())
                .withNewAccountDays(it.newAccountDays())
                .withRefreshTime(it.refreshTime())
                .withZone(it.zone())
                .withBounceTolerance(it.bounceTolerance());
    }

    /** Loads the dataset (local), prepares the HTTP client or connects to the store: may take a while for a large dataset. */
    static ItinerarySource source(GatewayConfig config, AreaCatalog catalog) {
        GatewayConfig.Itinerary it = config.itinerary();
        if (it.source().equals("local")) {
            Set<String> carriers = config.carriers().stream().map(GatewayConfig.Carrier::id).collect(Collectors.toSet());
            return LocalDatasetSource.load(it.localDir(), catalog, carriers);
        }
        if (it.source().equals("store")) {
            GatewayConfig.Store st = it.store();
            StoreOptions options = new StoreOptions(st.redis().stream().map(java.net.URI::toString).toList(),
                    st.cluster(), st.hashKey(), st.timeout(), java.time.Duration.ofSeconds(1));
            RulesOptions rules = rules(it);
            // Ready once the job's marker for the data day the rules see now is there (the pinned clock's, if any).
            java.util.function.Supplier<java.time.Instant> now =
                    config.clock().<java.util.function.Supplier<java.time.Instant>>map(t -> () -> t)
                            .orElse(java.time.Instant::now);
            return StoreSource.start(options, catalog, () -> DataDay.at(now.get(), rules));
        }
        GatewayConfig.Http h = it.http();
        HttpSourceOptions.Builder b = HttpSourceOptions.builder()
                .baseUrl(h.baseUrl().toString())
                .connectTimeout(h.connectTimeout())
                .responseTimeout(h.responseTimeout())
                .maxConnections(h.maxConnections());
        if (h.authToken() != null) {
            b.authToken(h.authToken());
        }
        return new HttpItinerarySource(b.build(), catalog);
    }

    static ItineraryClient client(GatewayConfig config, ItinerarySource source, AreaCatalog catalog, LookupEvents events) {
        GatewayConfig.Cache c = config.cache();
        CacheOptions.Builder cache = CacheOptions.builder()
                .nearMaximumSize(c.nearMaxEntries())
                .noDataTtl(c.noDataTtl())
                .redisCommandTimeout(c.redisTimeout());
        c.redis().ifPresent(uri -> cache.redisUri(uri.toString()));
        cache.redisClusterSeeds(c.redisCluster().stream().map(java.net.URI::toString).toList());
        c.hashKey().ifPresent(cache::hashKey);
        return ItineraryClientBuilder.forSource(source)
                .rules(rules(config.itinerary()))
                .catalog(catalog)
                .cache(cache.build())
                .lookupDeadline(c.lookupTimeout())
                .events(events)
                .build();
    }

}
