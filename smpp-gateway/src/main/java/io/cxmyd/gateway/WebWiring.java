package io.cxmyd.gateway;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.delivery.Notices;
import io.cxmyd.gateway.delivery.Outbox;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.redis.GatewayRedis;
import io.cxmyd.gateway.redis.RedisWebStore;
import io.cxmyd.gateway.sms.Concatenation;
import io.cxmyd.gateway.web.InProcessWebStore;
import io.cxmyd.gateway.web.WebChannel;
import io.cxmyd.gateway.web.WebStore;
import io.cxmyd.itinerary.ItineraryClient;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The web channel from the config and the gateway's parts: its store (in process, or Redis) and its notices. */
final class WebWiring {

    private WebWiring() {
    }

    static WebChannel start(GatewayConfig config, ItineraryClient client, AreaCatalog catalog, Outbox outbox,
            GatewayMetrics metrics, Clock clock, GatewayRedis redis) {
        Map<String, Concatenation> concatenation = new LinkedHashMap<>();
        config.carriers().forEach(c -> concatenation.put(c.id(), c.concatenation()));
        Supplier<Instant> rulesClock = config.clock().<Supplier<Instant>>map(t -> () -> t).orElse(Instant::now);
        WebStore store = config.cache().redisConfigured()
                ? new RedisWebStore(redis)
                : new InProcessWebStore(clock);
        return WebChannel.start(new WebChannel.Parts(config, client, rulesClock, new Notices(outbox, concatenation),
                metrics, catalog, store, clock));
    }
}
