/**
 * What the gateway itself keeps in Redis when {@code cache.redis} or {@code cache.redisCluster} is set, and
 * the only gateway package that imports lettuce: {@link io.cxmyd.gateway.redis.GatewayRedis} (the
 * connection, configured on purpose), {@link io.cxmyd.gateway.redis.RedisStreamJournal} (accepted queries in
 * a stream with a consumer group, taken over from a dead instance; docs/reliability.md),
 * {@link io.cxmyd.gateway.redis.RedisConsentStore} (the consent conversation shared by instances;
 * docs/carrier-integration.md), {@link io.cxmyd.gateway.redis.RedisSubscriberLimit} (the per-subscriber
 * limit shared by instances), {@link io.cxmyd.gateway.redis.RedisBindBudget} (carriers' session leases in
 * ESME mode; docs/deployment.md) and the web channel's codes and sessions. Keys are versioned
 * ({@code cxmyd:v1:...}); none holds a number.
 *
 * <p><b>Adding state to Redis</b>, so that it works on one server and on a Redis Cluster alike:
 * <ul>
 *   <li>take the {@link io.cxmyd.gateway.redis.GatewayRedis} the gateway opened
 *       ({@code GatewayRedis.start(config.cache().redisEndpoints().orElseThrow(), timeout)} builds one;
 *       {@code config.cache().redisConfigured()} says whether Redis is there) and call
 *       {@link io.cxmyd.gateway.redis.GatewayRedis#commands()} for each command: {@code null} while not
 *       connected (refuse or fall back, never wait); the type, {@code RedisClusterAsyncCommands}, is the one
 *       both kinds of Redis share;</li>
 *   <li>a script names every key it touches in {@code KEYS}; keys one script touches together share a hash
 *       tag ({@code cxmyd:v1:binds:{china-mobile}} and {@code cxmyd:v1:binds:{china-mobile}:instances});</li>
 *   <li>never {@code WATCH}, {@code MULTI} or blocking commands (one multiplexed connection serves every
 *       thread); a {@code WAIT} goes on the connection of the write it covers (see
 *       {@code io.cxmyd.itinerary.cache.RedisLink#masterOf});</li>
 *   <li>read your own state from masters (the gateway's connection never reads replicas).</li>
 * </ul>
 */
package io.cxmyd.gateway.redis;
