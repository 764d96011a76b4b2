/**
 * What the gateway itself keeps in Redis when {@code cache.redis} is set, and the only gateway package that
 * imports lettuce: {@link io.cxmyd.gateway.redis.GatewayRedis} (the connection, configured on purpose),
 * {@link io.cxmyd.gateway.redis.RedisStreamJournal} (accepted queries in a stream with a consumer group,
 * taken over from a dead instance; docs/reliability.md) and
 * {@link io.cxmyd.gateway.redis.RedisConsentStore} (the consent conversation shared by instances;
 * docs/carrier-integration.md). Keys are versioned ({@code cxmyd:v1:...}); none holds a number.
 */
package io.cxmyd.gateway.redis;
