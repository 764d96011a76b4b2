package io.cxmyd.gateway.query;

import io.cxmyd.gateway.journal.AcceptLog;
import io.cxmyd.gateway.message.AcceptedMessage;
import io.cxmyd.gateway.message.Acceptance;
import io.cxmyd.gateway.message.Answer;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.MessageIntake;
import io.cxmyd.gateway.message.ReplyLinks;
import io.cxmyd.gateway.message.Ticket;
import io.cxmyd.gateway.ops.GatewayMetrics;
import io.cxmyd.gateway.ops.QueryOutcome;
import io.cxmyd.gateway.sms.ReplyContext;
import io.cxmyd.itinerary.LookupResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of one query, whatever link it came on: admit (the envelope, the parts put together, the text) →
 * accept durably → decide → compose → segment → hand to the carrier's link. Each room takes a value and returns one; this class only passes them along,
 * counts, and writes the query log line.
 *
 * <p>{@link #offerLater} runs on the link's I/O thread: it runs what decides the response (admission, room for
 * the reply) and hands the query to the journal; the response is written from the journal's completion, and
 * the rest runs on {@code worker} after it. {@link #replay} takes a query an earlier run accepted through
 * the same rooms.
 */
public final class QueryPath implements MessageIntake {

    private static final Logger log = LoggerFactory.getLogger(QueryPath.class);

    private final GatewayState state;
    private final Admission admission;
    private final Reassembly reassembly;
    private final AcceptLog acceptLog;
    private final Executor worker;
    private final Executor afterAccept;
    private final QueryDecider decider;
    private final Map<String, CarrierProfile> carriers;
    private final ReplyDispatch dispatch;
    private final ReplyLinks links;
    private final GatewayMetrics metrics;
    private final Clock clock;

    /**
     * The rooms in the order a query passes them.
     *
     * @param state whether new queries are taken (draining, suspended carriers)
     * @param reassembly puts multi-part messages together between the envelope's checks and the text's
     * @param acceptLog where a query is recorded before it is acknowledged (the journal)
     * @param worker where the work after the response runs (on the thread that wrote the response when it is
     *     full: the query is acknowledged by then)
     * @param carriers how each carrier's replies are written and segmented
     * @param links where replies go, per carrier
     * @param clock measures the latency of the query log line
     */
    public QueryPath(GatewayState state, Admission admission, Reassembly reassembly, AcceptLog acceptLog,
            Executor worker, QueryDecider decider, Map<String, CarrierProfile> carriers, ReplyLinks links,
            GatewayMetrics metrics, Clock clock) {
        this.state = Objects.requireNonNull(state, "state");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.reassembly = Objects.requireNonNull(reassembly, "reassembly");
        this.acceptLog = Objects.requireNonNull(acceptLog, "acceptLog");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.decider = Objects.requireNonNull(decider, "decider");
        // After the journal's commit, the query's work runs on the thread that completed the commit when
        // nothing in it waits for another process (one hand-off per batch, not per query); else on the workers.
        Executor workers = new WorkerOrCaller(worker);
        this.afterAccept = decider.waitsOnPeer() ? workers : acceptLog.afterAccept(workers);
        this.carriers = Map.copyOf(carriers);
        this.links = Objects.requireNonNull(links, "links");
        this.dispatch = new ReplyDispatch(links);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The waiting form of {@link #offerLater}: the answer once the query is recorded, its work started. The
     * links use {@link #offerLater}, which parks no thread.
     */
    @Override
    public Acceptance offer(InboundMessage m) {
        Answer answer = offerLater(m);
        Acceptance acceptance = answer.acceptance().toCompletableFuture().join();
        if (acceptance.taken()) {
            answer.afterTaken().run();
        }
        return acceptance;
    }

    /**
     * Decides the response on the I/O thread (admission, the parts put together, room for the reply) and
     * hands the query to the journal without waiting: the answer completes from the journal's commit, and
     * the query's work starts only after the link has written its response.
     */
    @Override
    public Answer offerLater(InboundMessage part) {
        String carrier = part.carrierId();
        if (!state.accepting(carrier)) {
            return Answer.now(Acceptance.NOT_TAKING);
        }
        Acceptance screened = admission.screen(part);
        if (screened == Acceptance.RECEIPT) {
            log.debug("[{}] delivery receipt ignored", carrier);
            return Answer.now(Acceptance.RECEIPT);
        }
        if (screened != null) {
            return Answer.now(refuse(carrier, screened));
        }
        Reassembly.Result assembled = reassembly.offer(part, clock.instant());
        if (assembled instanceof Reassembly.Held) {
            return Answer.now(Acceptance.PART_HELD);
        }
        if (assembled instanceof Reassembly.Full) {
            return Answer.now(refuse(carrier, Acceptance.PARTS_FULL));
        }
        InboundMessage m = ((Reassembly.Whole) assembled).message();
        Admission.Result admitted = admission.admit(m);
        if (admitted instanceof Admission.NotAdmitted not) {
            return Answer.now(refuse(carrier, not.answer()));
        }
        Admission.Admitted a = (Admission.Admitted) admitted;
        if (!links.hasRoom(carrier)) {
            // Replies cannot leave as fast as queries come: push back so the SMSC slows down and retries.
            return Answer.now(refuse(carrier, Acceptance.REPLIES_BACKLOGGED));
        }
        // Durable accept: ESME_ROK only once the query is recorded, so a crash cannot lose it. No thread waits
        // for the fsync: the answer completes from the journal's completion (docs/performance.md).
        AtomicReference<AcceptedQuery> accepted = new AtomicReference<>();
        CompletionStage<Acceptance> acceptance = acceptLog.acceptLater(m).thenApply(recorded -> {
            if (recorded instanceof AcceptLog.Refused r) {
                return refuse(carrier, r.why());
            }
            Ticket ticket = ((AcceptLog.Recorded) recorded).ticket();
            accepted.set(new AcceptedQuery(m, a.sender(), a.text(), ticket, true));
            return Acceptance.ACCEPTED;
        });
        // Acknowledged by then: a full or stopping worker must not lose it, so it runs on the caller instead.
        return Answer.later(acceptance, () -> afterAccept.execute(() -> process(accepted.get())));
    }

    /** Nothing before the journal waits; the journal's own answer (disk: yes; Redis stream: no) decides. */
    @Override
    public boolean offersWithoutWaiting() {
        return acceptLog.acceptsWithoutWaiting();
    }

    /**
     * Takes again a query an earlier run accepted and did not finish (journal replay, stream take-over). It
     * passed the per-subscriber limit then, so that does not apply again. Returns false, changing nothing,
     * when there is no room for it now; true once it is on its way or ended for good.
     */
    public boolean replay(AcceptedMessage accepted) {
        InboundMessage m = accepted.message();
        Admission.Result admitted = admission.admit(m);
        if (!(admitted instanceof Admission.Admitted a)) {
            // A carrier or service number no longer configured, or a message this version does not read.
            log.warn("[{}] a journal entry is dropped: {}", m.carrierId(),
                    ((Admission.NotAdmitted) admitted).answer().reason());
            accepted.ticket().end();
            return true;
        }
        if (!links.hasRoom(m.carrierId())) {
            return false;
        }
        AcceptedQuery q = new AcceptedQuery(m, a.sender(), a.text(), accepted.ticket(), false);
        try {
            worker.execute(() -> process(q));
        } catch (RejectedExecutionException e) {
            return false;
        }
        return true;
    }

    private Acceptance refuse(String carrier, Acceptance why) {
        log.debug("[{}] message refused with {}: {}", carrier, why.status(), why.reason());
        metrics.query(carrier, QueryOutcome.REJECTED);
        return why;
    }

    private void process(AcceptedQuery q) {
        CompletionStage<Verdict> verdict;
        try {
            verdict = decider.decide(q);
        } catch (RuntimeException e) {
            verdict = CompletableFuture.failedFuture(e);
        }
        verdict.whenComplete((v, error) -> {
            if (error != null) {
                // A bug, not the source (its failures are verdicts): the subscriber still hears "try later".
                log.warn("[{}] deciding a query failed: {}", q.carrierId(), error.toString());
                finish(q, new Verdict.Looked(
                        new LookupResult.Unavailable(q.sender(), LookupResult.Reason.SOURCE_ERROR)));
                return;
            }
            finish(q, v);
        });
    }

    private void finish(AcceptedQuery q, Verdict verdict) {
        String carrier = q.carrierId();
        CarrierProfile profile = carriers.get(carrier);
        metrics.query(carrier, verdict.outcome());
        ReplyContext context = new ReplyContext(profile.signature(), q.message().destination().address());
        String text = ReplyWriter.compose(verdict, profile.composer(), context, q.sender());
        int parts = dispatch.dispatch(q, profile, verdict.kind(), text);
        long micros = Duration.between(q.message().receivedAt(), clock.instant()).toNanos() / 1000;
        QueryLog.line(carrier, q.sender(), verdict.outcome(), verdict.kind(), parts, micros);
    }
}
