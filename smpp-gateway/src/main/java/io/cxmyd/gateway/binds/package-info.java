/**
 * How many SMPP sessions each carrier gets, across gateway instances (ESME mode): {@link
 * io.cxmyd.gateway.binds.BindBudget}, in this process ({@link io.cxmyd.gateway.binds.InProcessBindBudget}) or
 * shared through Redis ({@code io.cxmyd.gateway.redis.RedisBindBudget}). No jsmpp, no lettuce here: the ESME
 * links call the interface, the redis package implements it.
 */
package io.cxmyd.gateway.binds;
