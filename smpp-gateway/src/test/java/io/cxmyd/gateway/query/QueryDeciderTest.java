package io.cxmyd.gateway.query;

import static io.cxmyd.gateway.query.PathFixtures.CM;
import static io.cxmyd.gateway.query.PathFixtures.NOW;
import static io.cxmyd.gateway.query.PathFixtures.SUBSCRIBER;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cxmyd.gateway.consent.ConsentAudit;
import io.cxmyd.gateway.consent.ConsentGate;
import io.cxmyd.gateway.consent.ConsentOptions;
import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.ops.QueryOutcome;
import io.cxmyd.itinerary.Msisdn;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decide room on its own: what each text comes to, before anything is written. */
class QueryDeciderTest {

    private static final Msisdn ALICE = Msisdn.parse(SUBSCRIBER);

    private final PathFixtures.ScriptedClient client = new PathFixtures.ScriptedClient();
    private final SubscriberKey keys = SubscriberKey.withSecret(new byte[32]);

    private static AcceptedQuery q(String text, boolean live) {
        return new AcceptedQuery(PathFixtures.query(text), ALICE, text, new PathFixtures.CountingTicket(), live);
    }

    private static Verdict verdict(QueryDecider d, AcceptedQuery q) {
        return d.decide(q).toCompletableFuture().join();
    }

    @Test
    void theKeywordIsLookedUpForTheSenderOnly() {
        client.result = PathFixtures.noData(ALICE);
        QueryDecider d = new QueryDecider(client, () -> NOW, null, null, null, keys, Runnable::run);

        assertThat(verdict(d, q("CXMYD 13900000000", true))).isEqualTo(new Verdict.Looked(client.result));
        assertThat(client.asked).containsExactly(ALICE);
    }

    @Test
    void usageRepliesAreRationedPerSender() {
        RateLimiter usage = new RateLimiter(1, Duration.ofHours(1), Ticker.disabledTicker());
        QueryDecider d = new QueryDecider(client, () -> NOW, null, usage, null, keys, Runnable::run);

        assertThat(verdict(d, q("hello", true))).isEqualTo(new Verdict.Usage());
        assertThat(verdict(d, q("hello again", true))).isEqualTo(new Verdict.Silent(QueryOutcome.UNKNOWN_KEYWORD));
        assertThat(client.asked).isEmpty();
    }

    @Test
    void theFirstQueryOverTheLimitIsToldAndTheNextAreSilent() {
        RateLimiter limit = new RateLimiter(1, Duration.ofMinutes(1), Ticker.disabledTicker());
        client.result = PathFixtures.noData(ALICE);
        QueryDecider d = new QueryDecider(client, () -> NOW, limit, null, null, keys, Runnable::run);

        verdict(d, q("CXMYD", true));

        assertThat(verdict(d, q("CXMYD", true))).isEqualTo(new Verdict.TooFrequent());
        assertThat(verdict(d, q("CXMYD", true))).isEqualTo(new Verdict.Silent(QueryOutcome.THROTTLED));
        assertThat(verdict(d, q("CXMYD", false))).as("a replayed query passed the limit when first taken")
                .isInstanceOf(Verdict.Looked.class);
    }

    @Test
    void consentGivenLeadsToTheLookupAndNoQuestionToTheUsageReply() {
        client.result = PathFixtures.noData(ALICE);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ConsentPolicy consent = new ConsentPolicy(Map.of(CM, Verification.CONFIRM),
                ConsentGate.inProcess(new ConsentOptions(Duration.ofMinutes(10), 3, ZoneId.of("Asia/Shanghai")), clock),
                null, client, new ConsentAudit(), clock, () -> NOW, Runnable::run);
        QueryDecider d = new QueryDecider(client, () -> NOW, null, null, consent, keys, Runnable::run);

        assertThat(verdict(d, q("CXMYD", true))).isInstanceOf(Verdict.Prompt.class);
        assertThat(client.asked).isEmpty();
        assertThat(verdict(d, q("Y", true))).isEqualTo(new Verdict.Looked(client.result));
        assertThat(verdict(d, q("what", true))).isEqualTo(new Verdict.Usage());
    }

    @Test
    void onlyAConsentStepOrALimitThatAsksAnotherProcessMakesTheDecisionWait() {
        RateLimiter inProcess = new RateLimiter(1, Duration.ofMinutes(1), Ticker.disabledTicker());
        SubscriberLimit shared = new PathFixtures.LimitAskingRedis();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ConsentPolicy consent = new ConsentPolicy(Map.of(CM, Verification.CONFIRM),
                ConsentGate.inProcess(new ConsentOptions(Duration.ofMinutes(10), 3, ZoneId.of("Asia/Shanghai")), clock),
                null, client, new ConsentAudit(), clock, () -> NOW, Runnable::run);

        assertThat(new QueryDecider(client, () -> NOW, null, null, null, keys, Runnable::run).waitsOnPeer()).isFalse();
        assertThat(new QueryDecider(client, () -> NOW, inProcess, null, null, keys, Runnable::run).waitsOnPeer())
                .isFalse();
        assertThat(new QueryDecider(client, () -> NOW, shared, null, null, keys, Runnable::run).waitsOnPeer()).isTrue();
        assertThat(new QueryDecider(client, () -> NOW, null, null, consent, keys, Runnable::run).waitsOnPeer())
                .as("the consent state may be in Redis").isTrue();
    }
}
