package io.cxmyd.gateway.query;

import static io.cxmyd.gateway.query.PathFixtures.CM;
import static io.cxmyd.gateway.query.PathFixtures.SUBSCRIBER;
import static io.cxmyd.gateway.query.PathFixtures.counted;
import static io.cxmyd.gateway.query.PathFixtures.query;
import static io.cxmyd.gateway.query.PathFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.gateway.journal.AcceptLog;
import io.cxmyd.gateway.message.AcceptedMessage;
import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.Answer;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.ops.QueryOutcome;
import io.cxmyd.itinerary.Msisdn;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The conductor: what each answer to the link costs (recorded or not, counted how), and that every accepted
 * query ends its ticket exactly once, with a reply or without. The worker is a queue the test runs by hand.
 */
class QueryPathTest {

    private final GatewayState state = new GatewayState();
    private final RecordingAcceptLog acceptLog = new RecordingAcceptLog();
    private final ManualWorker worker = new ManualWorker();
    private final PathFixtures.ScriptedClient client = new PathFixtures.ScriptedClient();
    private final PathFixtures.RecordingLinks links = new PathFixtures.RecordingLinks();
    private final GatewayMetrics metrics = PathFixtures.metrics();
    private SubscriberLimit perSubscriber;
    private final Reassembly reassembly = new Reassembly(Duration.ofSeconds(60), 3);

    private QueryPath path() {
        QueryDecider decider = new QueryDecider(client, () -> PathFixtures.NOW, perSubscriber, null, null,
                SubscriberKey.withSecret(new byte[32]), worker);
        return new QueryPath(state, new Admission(PathFixtures.directory()), reassembly, acceptLog, worker, decider,
                PathFixtures.profiles(), links, metrics,
                Clock.fixed(PathFixtures.NOW.plusMillis(3), ZoneOffset.UTC));
    }

    @Test
    void aQueryIsAcceptedOnceRecordedAndAnsweredAfterTheResponse() {
        client.result = PathFixtures.noData(Msisdn.parse(SUBSCRIBER));
        QueryPath path = path();

        assertThat(path.offer(query("CXMYD"))).isEqualTo(Acceptance.ACCEPTED);
        assertThat(acceptLog.recorded).hasSize(1);
        assertThat(links.sent).as("nothing runs on the link's thread after the accept").isEmpty();

        worker.runAll();

        assertThat(links.sent).hasSize(1);
        assertThat(links.sent.get(0).kind()).isEqualTo("no_data");
        assertThat(links.sent.get(0).ticket()).isSameAs(acceptLog.tickets.get(0));
        assertThat(acceptLog.tickets.get(0).ends).as("the reply's end ends it, not the path").isZero();
        assertThat(counted(metrics, CM, QueryOutcome.NO_DATA)).isEqualTo(1.0);
    }

    @Test
    void whileDrainingOrSuspendedNothingIsRecordedAndTheSmscRetries() {
        QueryPath path = path();
        state.suspend(CM);
        assertThat(path.offer(query("CXMYD"))).isEqualTo(Acceptance.NOT_TAKING);
        state.resume(CM);
        state.startDraining();
        assertThat(path.offer(query("CXMYD"))).isEqualTo(Acceptance.NOT_TAKING);

        assertThat(acceptLog.recorded).isEmpty();
        assertThat(worker.tasks).isEmpty();
    }

    @Test
    void aRefusedMessageIsCountedRejectedAndNeverRecorded() {
        Acceptance a = path().offer(text(CM, SUBSCRIBER, "10010", "CXMYD"));

        assertThat(a).isEqualTo(Acceptance.NOT_A_SERVICE_NUMBER);
        assertThat(acceptLog.recorded).isEmpty();
        assertThat(counted(metrics, CM, QueryOutcome.REJECTED)).isEqualTo(1.0);
    }

    @Test
    void aReceiptIsAcknowledgedButNeitherRecordedNorCounted() {
        InboundMessage receipt = new InboundMessage(CM, query("x").source(), query("x").destination(), (byte) 0x04,
                (byte) 0, new byte[0], false, PathFixtures.NOW);

        assertThat(path().offer(receipt)).isEqualTo(Acceptance.RECEIPT);
        assertThat(acceptLog.recorded).isEmpty();
        assertThat(counted(metrics, CM, QueryOutcome.REJECTED)).isZero();
    }

    @Test
    void whenRepliesCannotLeaveQueriesArePushedBackBeforeTheJournal() {
        links.room = false;

        assertThat(path().offer(query("CXMYD"))).isEqualTo(Acceptance.REPLIES_BACKLOGGED);
        assertThat(acceptLog.recorded).isEmpty();
    }

    @Test
    void aJournalThatDoesNotConfirmInTimeRefusesTheQuery() {
        acceptLog.refuse = Acceptance.JOURNAL_SLOW;

        assertThat(path().offer(query("CXMYD"))).isEqualTo(Acceptance.JOURNAL_SLOW);
        assertThat(worker.tasks).isEmpty();
        assertThat(counted(metrics, CM, QueryOutcome.REJECTED)).isEqualTo(1.0);
    }

    @Test
    void fullWorkersDoNotLoseAQueryTheJournalAlreadyHas() {
        // The response is written from the journal's completion: by the time the worker is asked, the query
        // is acknowledged, so its work runs on the thread that wrote the response instead.
        client.result = PathFixtures.noData(Msisdn.parse(SUBSCRIBER));
        worker.refuse = true;

        assertThat(path().offer(query("CXMYD"))).isEqualTo(Acceptance.ACCEPTED);
        assertThat(links.sent).hasSize(1);
        assertThat(acceptLog.tickets.get(0).ends).as("the reply's end ends it").isZero();
    }

    @Test
    void theAnswerWaitsForTheJournalAndTheWorkWaitsForTheResponse() {
        client.result = PathFixtures.noData(Msisdn.parse(SUBSCRIBER));
        CompletableFuture<AcceptLog.Result> commit = new CompletableFuture<>();
        acceptLog.later = commit;

        Answer answer = path().offerLater(query("CXMYD"));

        assertThat(answer.acceptance().toCompletableFuture()).as("no thread waits for the fsync").isNotDone();
        commit.complete(new AcceptLog.Recorded(new PathFixtures.CountingTicket()));
        assertThat(answer.acceptance().toCompletableFuture().join()).isEqualTo(Acceptance.ACCEPTED);
        assertThat(worker.tasks).as("nothing starts before the link runs the answer's work").isEmpty();

        answer.afterTaken().run();
        worker.runAll();
        assertThat(links.sent).hasSize(1);
    }

    @Test
    void whenNothingInTheWorkWaitsItRunsWhereTheJournalCompletedNotOnTheWorkers() {
        client.result = PathFixtures.noData(Msisdn.parse(SUBSCRIBER));
        ManualWorker completer = new ManualWorker();
        acceptLog.afterBatch = completer;

        assertThat(path().offer(query("CXMYD"))).isEqualTo(Acceptance.ACCEPTED);

        assertThat(worker.tasks).isEmpty();
        assertThat(completer.tasks).hasSize(1);
        completer.runAll();
        assertThat(links.sent).hasSize(1);
    }

    @Test
    void aLimitSharedThroughRedisKeepsTheWorkOnTheWorkersOffTheJournalsThread() {
        // The shared limit waits for Redis: on the completer it would hold back every later commit's answer.
        client.result = PathFixtures.noData(Msisdn.parse(SUBSCRIBER));
        perSubscriber = new PathFixtures.LimitAskingRedis();
        ManualWorker completer = new ManualWorker();
        acceptLog.afterBatch = completer;

        assertThat(path().offer(query("CXMYD"))).isEqualTo(Acceptance.ACCEPTED);

        assertThat(completer.tasks).isEmpty();
        worker.runAll();
        assertThat(links.sent).hasSize(1);
    }

    @Test
    void aRefusalDecidedByTheJournalLaterIsCountedAndStartsNothing() {
        CompletableFuture<AcceptLog.Result> commit = new CompletableFuture<>();
        acceptLog.later = commit;

        Answer answer = path().offerLater(query("CXMYD"));
        commit.complete(new AcceptLog.Refused(Acceptance.JOURNAL_SLOW));

        assertThat(answer.acceptance().toCompletableFuture().join()).isEqualTo(Acceptance.JOURNAL_SLOW);
        assertThat(counted(metrics, CM, QueryOutcome.REJECTED)).isEqualTo(1.0);
        assertThat(worker.tasks).isEmpty();
    }

    @Test
    void aQueryAnsweredWithSilenceEndsItsTicketThere() {
        perSubscriber = new RateLimiter(1, Duration.ofMinutes(1), Ticker.disabledTicker());
        client.result = PathFixtures.noData(Msisdn.parse(SUBSCRIBER));
        QueryPath path = path();
        for (int i = 0; i < 3; i++) {
            path.offer(query("CXMYD"));
        }

        worker.runAll();

        assertThat(links.sent).extracting(r -> r.kind()).containsExactlyInAnyOrder("no_data", "too_frequent");
        assertThat(acceptLog.tickets.get(2).ends).as("over the limit again: no reply, entry done").isEqualTo(1);
        assertThat(counted(metrics, CM, QueryOutcome.THROTTLED)).isEqualTo(2.0);
    }

    @Test
    void aReplayedQueryPassesTheSameRoomsButNotTheLimitAgain() {
        perSubscriber = new RateLimiter(1, Duration.ofMinutes(1), Ticker.disabledTicker());
        client.result = PathFixtures.noData(Msisdn.parse(SUBSCRIBER));
        QueryPath path = path();
        path.offer(query("CXMYD"));
        PathFixtures.CountingTicket replayed = new PathFixtures.CountingTicket();

        assertThat(path.replay(new AcceptedMessage(query("CXMYD"), replayed))).isTrue();
        worker.runAll();

        assertThat(links.sent).extracting(r -> r.kind()).containsExactly("no_data", "no_data");
        assertThat(links.sent.get(1).ticket()).isSameAs(replayed);
    }

    @Test
    void aReplayedMessageNoLongerAdmittedEndsItsEntry() {
        PathFixtures.CountingTicket ticket = new PathFixtures.CountingTicket();

        assertThat(path().replay(new AcceptedMessage(text("gone", SUBSCRIBER, "10086", "CXMYD"), ticket))).isTrue();
        assertThat(ticket.ends).isEqualTo(1);
        assertThat(worker.tasks).isEmpty();
    }

    @Test
    void aReplayWithoutRoomChangesNothingAndIsOfferedAgain() {
        links.room = false;
        PathFixtures.CountingTicket ticket = new PathFixtures.CountingTicket();

        assertThat(path().replay(new AcceptedMessage(query("CXMYD"), ticket))).isFalse();
        assertThat(ticket.ends).isZero();
        assertThat(worker.tasks).isEmpty();
    }

    @Test
    void aLookupThatCompletesLaterIsAnsweredOnTheWorker() {
        QueryPath path = path();
        path.offer(query("CXMYD"));
        worker.runAll();
        assertThat(client.pending).hasSize(1);

        client.pending.get(0).complete(PathFixtures.noData(Msisdn.parse(SUBSCRIBER)));
        assertThat(links.sent).as("the reply step waits for the worker").isEmpty();
        worker.runAll();

        assertThat(links.sent).hasSize(1);
    }

    @Test
    void whenTheWorkerRefusesTheStepAfterALookupItRunsOnTheLookupsThread() {
        QueryPath path = path();
        path.offer(query("CXMYD"));
        worker.runAll();
        worker.refuse = true; // shut down while draining

        client.pending.get(0).complete(PathFixtures.noData(Msisdn.parse(SUBSCRIBER)));

        assertThat(links.sent).as("an accepted query never loses its reply to a stop").hasSize(1);
    }

    @Test
    void aFailingLookupStillAnswersTryLater() {
        QueryPath path = path();
        path.offer(query("CXMYD"));
        worker.runAll();

        client.pending.get(0).completeExceptionally(new IllegalStateException("source bug"));
        worker.runAll();

        assertThat(links.sent).extracting(r -> r.kind()).containsExactly("unavailable");
        assertThat(counted(metrics, CM, QueryOutcome.UNAVAILABLE)).isEqualTo(1.0);
    }

    @Test
    void anUnknownTextGetsTheUsageReply() {
        QueryPath path = path();
        path.offer(query("hello"));
        worker.runAll();

        assertThat(links.sent).extracting(r -> r.kind()).containsExactly("usage");
        assertThat(client.asked).isEmpty();
        assertThat(counted(metrics, CM, QueryOutcome.UNKNOWN_KEYWORD)).isEqualTo(1.0);
    }

    @Test
    void aMultiPartQueryIsHeldUntilWholeThenRecordedAndReadAsOne() {
        client.result = PathFixtures.noData(Msisdn.parse(SUBSCRIBER));
        QueryPath path = path();

        assertThat(path.offer(ReassemblyTest.udh8(1, 2, 1, "CX"))).isEqualTo(Acceptance.PART_HELD);
        assertThat(acceptLog.recorded).isEmpty();
        assertThat(path.offer(ReassemblyTest.udh8(1, 2, 2, "MYD"))).isEqualTo(Acceptance.ACCEPTED);
        worker.runAll();

        assertThat(acceptLog.recorded).hasSize(1);
        assertThat(acceptLog.recorded.get(0).hasUdh()).isFalse();
        assertThat(client.asked).as("the keyword was read from the whole text").hasSize(1);
        assertThat(links.sent).extracting(r -> r.kind()).containsExactly("no_data");
    }

    @Test
    void aPartWithAWrongEnvelopeIsRefusedAtOnceNotHeld() {
        InboundMessage toAnotherCarrier = ReassemblyTest.udh8(1, 2, 1, "CX");
        toAnotherCarrier = new InboundMessage(toAnotherCarrier.carrierId(), toAnotherCarrier.source(),
                query("x").source(), toAnotherCarrier.esmClass(), toAnotherCarrier.dataCoding(),
                toAnotherCarrier.payload(), false, PathFixtures.NOW);

        assertThat(path().offer(toAnotherCarrier)).isEqualTo(Acceptance.NOT_A_SERVICE_NUMBER);
        assertThat(reassembly.held()).isZero();
    }

    @Test
    void pastTheBoundOfPartsHeldAPartIsRefusedForTheCarrierToSendAgain() {
        QueryPath path = path();
        for (int ref = 1; ref <= 3; ref++) {
            assertThat(path.offer(ReassemblyTest.udh8(ref, 2, 1, "CX"))).isEqualTo(Acceptance.PART_HELD);
        }

        Acceptance a = path.offer(ReassemblyTest.udh8(4, 2, 1, "CX"));

        assertThat(a).isEqualTo(Acceptance.PARTS_FULL);
        assertThat(a.status().name()).isEqualTo("ESME_RTHROTTLED");
        assertThat(counted(metrics, CM, QueryOutcome.REJECTED)).isEqualTo(1.0);
    }

    /** Records each accepted query with a ticket of its own, or refuses them all with {@link #refuse}. */
    private static final class RecordingAcceptLog implements AcceptLog {
        final List<InboundMessage> recorded = new ArrayList<>();
        final List<PathFixtures.CountingTicket> tickets = new ArrayList<>();
        Acceptance refuse;
        /** When set, {@link #acceptLater} answers with it (completed by the test) instead of at once. */
        CompletableFuture<Result> later;
        /** When set, where the log runs the work after an acknowledged query (a journal's completer). */
        Executor afterBatch;

        @Override
        public Executor afterAccept(Executor elsewhere) {
            return afterBatch != null ? afterBatch : elsewhere;
        }

        @Override
        public CompletionStage<Result> acceptLater(InboundMessage message) {
            return later != null ? later : AcceptLog.super.acceptLater(message);
        }

        @Override
        public Result accept(InboundMessage message) {
            if (refuse != null) {
                return new Refused(refuse);
            }
            recorded.add(message);
            PathFixtures.CountingTicket t = new PathFixtures.CountingTicket();
            tickets.add(t);
            return new Recorded(t);
        }
    }

    /** Tasks wait until the test runs them; {@link #refuse} makes it act full or shut down. */
    static final class ManualWorker implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        boolean refuse;

        @Override
        public void execute(Runnable task) {
            if (refuse) {
                throw new RejectedExecutionException("full");
            }
            tasks.add(task);
        }

        void runAll() {
            for (Runnable r; (r = tasks.poll()) != null; ) {
                r.run();
            }
        }
    }
}
