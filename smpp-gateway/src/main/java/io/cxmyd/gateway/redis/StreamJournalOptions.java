package io.cxmyd.gateway.redis;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Redis Stream journal runs (docs/reliability.md, "With Redis: the stream journal").
 *
 * @param instanceId this instance's consumer in the group: it owns the queries it accepted
 * @param commitTimeout how long a PDU thread waits for Redis to confirm a query before refusing it
 * @param claimMinIdle how long a query may go unrenewed before any instance takes it over: far above the
 *     renewal interval ({@link #claimInterval()}), so only a dead or cut-off instance loses its queries
 * @param maxLength the approximate cap of the stream (XADD MAXLEN ~): finished entries are deleted at once,
 *     so this only bounds what is left behind; it must stay far above the queries pending at once
 * @param validity a query older than this is not answered when taken over: its reply would have expired
 * @param waitForReplicas replicas that must hold a query ({@code WAIT}) before it is acknowledged; 0 = the
 *     master's word only (a failover right after the XADD may lose it)
 */
public record StreamJournalOptions(String instanceId, Duration commitTimeout, Duration claimMinIdle, long maxLength,
        Duration validity, int waitForReplicas) {

    /** Version 1 of the entry format (fields {@code t}, the token, and {@code q}, the query). */
    public static final String STREAM = "cxmyd:v1:journal";
    public static final String GROUP = "cxmyd-gateways";

    public StreamJournalOptions {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(commitTimeout, "commitTimeout");
        Objects.requireNonNull(claimMinIdle, "claimMinIdle");
        Objects.requireNonNull(validity, "validity");
        if (!instanceId.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("instanceId: 1 to 64 of A-Z a-z 0-9 . _ : -, was \"" + instanceId + "\"");
        }
        if (claimMinIdle.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("claimMinIdle: at least 1 s, was " + claimMinIdle);
        }
        if (waitForReplicas < 0 || waitForReplicas > 5) {
            throw new IllegalArgumentException("waitForReplicas: 0 to 5, was " + waitForReplicas);
        }
        if (maxLength < 1000) {
            throw new IllegalArgumentException("maxLength: at least 1000, was " + maxLength);
        }
    }

    /** The longest WAIT: most of the commit timeout, so that a shortfall is answered before the PDU thread gives up. */
    public Duration replicaWait() {
        return commitTimeout.multipliedBy(4).dividedBy(5);
    }

    /**
     * How often an instance renews its own queries and looks for abandoned ones: a quarter of the min-idle,
     * so three renewals in a row may fail before a live instance loses a query.
     */
    public Duration claimInterval() {
        return claimMinIdle.dividedBy(4);
    }

    /** {@code <host>-<pid>}: unique among live instances, new at every start (a restart is a new consumer). */
    public static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "gateway";
        }
        String id = host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + ProcessHandle.current().pid();
        return id.length() <= 64 ? id : id.substring(id.length() - 64);
    }
}
