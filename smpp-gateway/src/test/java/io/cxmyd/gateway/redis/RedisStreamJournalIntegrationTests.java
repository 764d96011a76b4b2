package io.cxmyd.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.journal.AcceptLog;
import io.cxmyd.gateway.journal.JournalEvents;
import io.cxmyd.gateway.message.AcceptedMessage;
import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.SmppAddress;
import io.cxmyd.gateway.message.Ticket;
import io.cxmyd.itinerary.cache.RedisServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stream journal on a real redis-server: a recorded query is an entry of the stream until its ticket
 * ends; an entry left by a stopped instance is taken over by another, with a ticket of its own.
 */
class RedisStreamJournalIntegrationTests {

    private static final Duration COMMIT = Duration.ofSeconds(5);

    private RedisServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        server.close();
    }

    private RedisStreamJournal instance(String id, Duration claimMinIdle) throws Exception {
        return instance(id, claimMinIdle, COMMIT);
    }

    private RedisStreamJournal instance(String id, Duration claimMinIdle, Duration commit) throws Exception {
        GatewayRedis redis = GatewayRedis.start(URI.create(server.uri()), commit);
        opened.add(redis);
        await(() -> redis.commands() != null);
        RedisStreamJournal j = new RedisStreamJournal(redis, new StreamJournalOptions(id, commit, claimMinIdle,
                10_000, Duration.ofMinutes(10), 0), JournalEvents.NONE);
        opened.add(j);
        return j;
    }

    private static InboundMessage query(String from) {
        return new InboundMessage("cm", SmppAddress.of(from), SmppAddress.of("10086"), (byte) 0, (byte) 0,
                "CXMYD".getBytes(StandardCharsets.US_ASCII), false, Instant.now());
    }

    private long entries() throws Exception {
        return Long.parseLong(server.command("XLEN", StreamJournalOptions.STREAM).strip());
    }

    @Test
    void aRecordedQueryStaysInTheStreamUntilItsTicketEnds() throws Exception {
        RedisStreamJournal journal = instance("a", Duration.ofMinutes(1));

        AcceptLog.Result r = journal.accept(query("13800138000"));

        assertThat(r).isInstanceOf(AcceptLog.Recorded.class);
        assertThat(journal.pending()).isEqualTo(1);
        assertThat(entries()).isEqualTo(1);
        Ticket ticket = ((AcceptLog.Recorded) r).ticket();
        ticket.end();
        ticket.end();
        assertThat(journal.pending()).isZero();
        await(() -> entries() == 0);
    }

    @Test
    void withRedisGoneTheQueryIsRefusedForTheCarrierToRetry() throws Exception {
        RedisStreamJournal journal = instance("a", Duration.ofMinutes(1), Duration.ofMillis(300));
        server.kill();

        AcceptLog.Result r = journal.accept(query("13800138000"));

        assertThat(r).isEqualTo(new AcceptLog.Refused(Acceptance.JOURNAL_SLOW));
        assertThat(Acceptance.JOURNAL_SLOW.status().name()).isEqualTo("ESME_RX_T_APPN");
    }

    @Test
    void aQueryLeftByAStoppedInstanceIsTakenOverWithATicketOfItsOwn() throws Exception {
        RedisStreamJournal stopped = instance("a", Duration.ofSeconds(1));
        assertThat(stopped.accept(query("13800138000"))).isInstanceOf(AcceptLog.Recorded.class);
        stopped.close(); // stops renewing; the entry stays pending for "a"

        RedisStreamJournal other = instance("b", Duration.ofSeconds(1));
        List<AcceptedMessage> taken = new CopyOnWriteArrayList<>();
        other.start(a -> taken.add(a), () -> {
        });

        await(() -> taken.size() == 1);
        assertThat(taken.get(0).message().source().address()).isEqualTo("13800138000");
        assertThat(other.pending()).isEqualTo(1);
        taken.get(0).ticket().end();
        await(() -> entries() == 0);
        assertThat(other.pending()).isZero();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.call()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
