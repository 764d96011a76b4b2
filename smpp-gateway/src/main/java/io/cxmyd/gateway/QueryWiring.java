package io.cxmyd.gateway;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.gateway.consent.ConsentAudit;
import io.cxmyd.gateway.consent.ConsentGate;
import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.journal.AcceptLog;
import io.cxmyd.gateway.message.ReplyLinks;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.query.Admission;
import io.cxmyd.gateway.query.CarrierProfile;
import io.cxmyd.gateway.query.ConsentPolicy;
import io.cxmyd.gateway.query.GatewayState;
import io.cxmyd.gateway.query.QueryDecider;
import io.cxmyd.gateway.query.QueryPath;
import io.cxmyd.gateway.query.RateLimiter;
import io.cxmyd.gateway.query.Reassembly;
import io.cxmyd.gateway.query.SubscriberLimit;
import io.cxmyd.gateway.redis.GatewayRedis;
import io.cxmyd.gateway.redis.RedisSubscriberLimit;
import io.cxmyd.gateway.query.ServiceDirectory;
import io.cxmyd.gateway.query.SubscriberKey;
import io.cxmyd.gateway.sms.ReplyComposer;
import io.cxmyd.gateway.sms.ReplyTemplates;
import io.cxmyd.itinerary.IdLast4Hash;
import io.cxmyd.itinerary.ItineraryClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The query path the config describes: its rooms, in the order a query passes them. */
final class QueryWiring {

    private QueryWiring() {
    }

    /** Every carrier's verification mode; all {@code none} means no consent step at all. */
    static Map<String, Verification> consentModes(GatewayConfig config) {
        Map<String, Verification> modes = new LinkedHashMap<>();
        config.carriers().forEach(c -> modes.put(c.id(), c.verification()));
        return modes;
    }

    static boolean needsConsent(GatewayConfig config) {
        return consentModes(config).values().stream().anyMatch(v -> v != Verification.NONE);
    }

    /**
     * @param consentGate the consent state, or {@code null} when no carrier has a verification
     * @param links where replies go, per carrier
     */
    static QueryPath path(GatewayConfig config, GatewayState state, AcceptLog acceptLog, Executor worker,
            ItineraryClient client, ConsentGate consentGate, ReplyLinks links, GatewayMetrics metrics,
            GatewayRedis redis) {
        Supplier<Instant> rulesClock = config.clock().<Supplier<Instant>>map(t -> () -> t).orElse(Instant::now);
        ConsentPolicy consent = consentGate == null ? null
                : new ConsentPolicy(consentModes(config), consentGate,
                        config.consent().idHashKey().map(IdLast4Hash::new).orElse(null), client, new ConsentAudit(),
                        Clock.systemUTC(), rulesClock, worker);
        QueryDecider decider = new QueryDecider(client, rulesClock, perSubscriber(config, redis),
                usageReplies(config.limits()), consent, keys(config), worker);
        Reassembly reassembly = new Reassembly(config.reassembly().timeout(), config.reassembly().maxPartsHeld());
        return new QueryPath(state, new Admission(directory(config)), reassembly, acceptLog, worker, decider,
                profiles(config), links, metrics, Clock.systemUTC());
    }

    private static ServiceDirectory directory(GatewayConfig config) {
        Map<String, List<String>> numbers = new LinkedHashMap<>();
        config.carriers().forEach(c -> numbers.put(c.id(), c.serviceNumbers()));
        return new ServiceDirectory(numbers);
    }

    private static Map<String, CarrierProfile> profiles(GatewayConfig config) {
        ReplyTemplates templates = ReplyTemplates.of(config.templates());
        Map<String, CarrierProfile> profiles = new LinkedHashMap<>();
        for (GatewayConfig.Carrier c : config.carriers()) {
            profiles.put(c.id(), new CarrierProfile(c.id(), c.signature(), c.concatenation(),
                    new ReplyComposer(templates, c.maxParts())));
        }
        return profiles;
    }

    /**
     * In process, or shared by every instance through Redis when the instances can key it alike (issue 15:
     * N instances must not give a subscriber N times the limit); the in-process count answers while Redis
     * cannot.
     */
    private static SubscriberLimit perSubscriber(GatewayConfig config, GatewayRedis redis) {
        GatewayConfig.Limits limits = config.limits();
        if (!limits.perSubscriberEnabled()) {
            return null;
        }
        RateLimiter local = new RateLimiter(limits.perSubscriber(), limits.perSubscriberWindow(), Ticker.systemTicker());
        if (redis == null || !sharedLimit(config)) {
            return local;
        }
        return new RedisSubscriberLimit(redis, limits.perSubscriber(), limits.perSubscriberWindow(), local,
                config.journal().commitTimeout());
    }

    /** The per-subscriber limit goes through Redis: Redis and the shared hash key are configured. */
    static boolean sharedLimit(GatewayConfig config) {
        return config.limits().perSubscriberEnabled() && config.cache().redisConfigured()
                && config.cache().hashKey().isPresent();
    }

    private static RateLimiter usageReplies(GatewayConfig.Limits limits) {
        return limits.usageReplyInterval().isZero()
                ? null
                : new RateLimiter(1, limits.usageReplyInterval(), Ticker.systemTicker());
    }

    /** Consent state shared through Redis is keyed alike on every instance: from the shared secret. */
    private static SubscriberKey keys(GatewayConfig config) {
        return config.cache().redisConfigured() && config.cache().hashKey().isPresent()
                ? SubscriberKey.withSecret(config.cache().hashKey().get().getBytes(StandardCharsets.UTF_8))
                : new SubscriberKey();
    }
}
