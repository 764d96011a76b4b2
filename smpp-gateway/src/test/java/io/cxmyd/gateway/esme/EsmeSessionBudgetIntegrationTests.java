package io.cxmyd.gateway.esme;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.Gateway;
import io.cxmyd.gateway.testsmsc.TestSmsc;
import io.cxmyd.itinerary.cache.RedisServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 4: two gateway instances bind to one carrier's SMSC in ESME mode, each wanting two sessions,
 * within a session budget of two shared through a real Redis: never more than two binds at the SMSC, the
 * instances split them, and when one instance stops the other takes its sessions.
 */
class EsmeSessionBudgetIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LEASES = "cxmyd:v1:binds:{china-mobile}";

    @Test
    void twoInstancesSplitTheCarriersBudgetAndTheSurvivorTakesOverTheSessions() throws Exception {
        int port = EsmeGateways.freePort();
        try (RedisServer redis = RedisServer.start();
                TestSmsc smsc = TestSmsc.start(port, "cmcc", EsmeGateways.CMCC_PASSWORD)) {
            String smscLines = "bind: transceiver\nsessions: 2\nsessionBudget: 2\nsessionLeaseTtl: 3s\n";
            String extra = "cache:\n  redis: " + redis.uri() + "\n";
            Gateway a = EsmeGateways.start(port, smscLines, extra);
            try (Gateway b = EsmeGateways.start(port, smscLines, extra)) {
                try {
                    EsmeGateways.await("A and B hold one session each, two binds at the SMSC",
                            () -> holders(redis).size() == 2 && smsc.boundSessions() == 2, WAIT);
                } finally {
                    a.close();
                }
                try {
                    EsmeGateways.await("B alone holds both sessions, bound at the SMSC",
                            () -> holders(redis).size() == 1 && leases(redis).length == 2
                                    && smsc.boundSessions() == 2, WAIT);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; leases " + Arrays.toString(leases(redis))
                            + ", instances " + redis.command("EVAL",
                                    "return table.concat(redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES'), ' ')",
                                    "1", LEASES + ":instances") + ", bound at the SMSC " + smsc.boundSessions()
                            + ", sessions " + smsc.mostSessions(), e);
                }
                assertThat(smsc.mostSessions()).as("sessions at the SMSC at once, ever").isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void theSessionsOfADeadInstanceAreTakenOnceItsLeasesExpire() throws Exception {
        int port = EsmeGateways.freePort();
        try (RedisServer redis = RedisServer.start();
                TestSmsc smsc = TestSmsc.start(port, "cmcc", EsmeGateways.CMCC_PASSWORD)) {
            // A dead instance: it holds the whole budget and never renews nor releases (killed, not stopped).
            redis.command("EVAL", """
                    local t = redis.call('TIME')
                    local expiry = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + 3000
                    redis.call('ZADD', KEYS[1], expiry, 'dead#1', expiry, 'dead#2')
                    redis.call('ZADD', KEYS[2], expiry, 'dead')
                    """, "2", LEASES, LEASES + ":instances");
            String smscLines = "bind: transceiver\nsessions: 2\nsessionBudget: 2\nsessionLeaseTtl: 3s\n";
            try (Gateway b = EsmeGateways.start(port, smscLines, "cache:\n  redis: " + redis.uri() + "\n")) {
                EsmeGateways.await("B holds both sessions, bound at the SMSC",
                        () -> holders(redis).size() == 1 && !holders(redis).contains("dead")
                                && leases(redis).length == 2 && smsc.boundSessions() == 2, WAIT);
                assertThat(smsc.mostSessions()).as("sessions at the SMSC at once, ever").isLessThanOrEqualTo(2);
            }
        }
    }

    private static String[] leases(RedisServer redis) {
        try {
            // One line: the test's client reads no array replies.
            String members = redis.command("EVAL", "return table.concat(redis.call('ZRANGE', KEYS[1], 0, -1), ' ')",
                    "1", LEASES);
            members = members == null ? "" : members.strip();
            return members.isEmpty() ? new String[0] : members.split("\\s+");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The instances holding a lease (a lease is {@code <instance>#<n>}). */
    private static Set<String> holders(RedisServer redis) {
        return Arrays.stream(leases(redis)).map(l -> l.substring(0, l.lastIndexOf('#'))).collect(Collectors.toSet());
    }
}
