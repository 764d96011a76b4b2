package io.cxmyd.gateway.consent;

import io.cxmyd.itinerary.Msisdn;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of processing PIPL asks for (art. 55-56: a record of handling sensitive personal information,
 * kept for a set period): one line per consent decision, in key=value form, to the logger
 * {@code cxmyd.audit}, which {@link AuditLogFile} routes to its own rolling file:
 * {@code consent at=2026-11-21T01:30:12Z carrier=china-unicom from=186****0000 mode=id-last4 outcome=wrong_code}.
 * The number masked; never the code, the hash or the itinerary.
 */
public final class ConsentAudit {

    /** The logger name: routed to the audit file, kept out of the console log. */
    public static final String LOGGER = "cxmyd.audit";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    public void record(Instant at, String carrier, Msisdn sender, Verification mode, String outcome) {
        log.info("consent at={} carrier={} from={} mode={} outcome={}", at, carrier, sender.masked(),
                mode.configName(), outcome);
    }
}
