/**
 * The consent step before an itinerary (docs/carrier-integration.md). The conversation itself is pure:
 * {@link io.cxmyd.gateway.consent.ConsentRules} over immutable {@link io.cxmyd.gateway.consent.ConsentState}s,
 * deciding a {@link io.cxmyd.gateway.consent.Decision} from a parsed command and an instant. Around it, at
 * the edge: {@link io.cxmyd.gateway.consent.ConsentGate} (the real clock and an atomic
 * {@link io.cxmyd.gateway.consent.ConsentStore}: in-process, or shared in Redis by
 * {@code io.cxmyd.gateway.redis.RedisConsentStore}) and the audit log
 * ({@link io.cxmyd.gateway.consent.ConsentAudit}, {@link io.cxmyd.gateway.consent.AuditLogFile}).
 */
package io.cxmyd.gateway.consent;
