package io.cxmyd.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.consent.ConsentGate;
import io.cxmyd.gateway.consent.ConsentOptions;
import io.cxmyd.gateway.consent.ConsentRules;
import io.cxmyd.gateway.consent.ConsentStoreException;
import io.cxmyd.gateway.consent.Decision;
import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.sms.Keyword;
import io.cxmyd.itinerary.cache.RedisServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateway instances (each its own connection and gate) on one real redis-server share the consent
 * conversation of a subscriber.
 */
class RedisConsentStoreIntegrationTests {

    private static final long ALICE = 0x1234_5678_9abc_def0L;
    private static final long BOB = 42L;
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private RedisServer server;
    private final List<GatewayRedis> connections = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterEach
    void stop() {
        connections.forEach(GatewayRedis::close);
        server.close();
    }

    private ConsentGate instance(int maxAttempts) throws Exception {
        GatewayRedis redis = GatewayRedis.start(URI.create(server.uri()), TIMEOUT);
        connections.add(redis);
        await(() -> redis.commands() != null);
        ConsentRules rules = new ConsentRules(new ConsentOptions(Duration.ofMinutes(10), maxAttempts,
                ZoneId.of("Asia/Shanghai")));
        return new ConsentGate(rules, new RedisConsentStore(redis, rules, Clock.systemUTC(), TIMEOUT), Clock.systemUTC());
    }

    @Test
    void aPromptSentByOneInstanceIsAnsweredThroughAnother() throws Exception {
        ConsentGate a = instance(3);
        ConsentGate b = instance(3);

        assertThat(a.onText(ALICE, Verification.CONFIRM, Keyword.parseWithConsent("CXMYD")))
                .isEqualTo(new Decision.Prompt(Verification.CONFIRM, false));
        String key = "cxmyd:v1:consent:123456789abcdef0";
        assertThat(server.exists(key)).isTrue();
        assertThat(server.pttl(key)).as("kept for the prompt's window").isBetween(590_000L, 600_000L);

        assertThat(b.onText(BOB, Verification.CONFIRM, Keyword.parseWithConsent("Y")))
                .as("a Y from another number").isEqualTo(new Decision.Usage(false));
        assertThat(b.onText(ALICE, Verification.CONFIRM, Keyword.parseWithConsent("Ｙ")))
                .isEqualTo(new Decision.Send(Verification.CONFIRM));
        assertThat(server.exists(key)).as("nothing left once the conversation ended").isFalse();
        assertThat(a.onText(ALICE, Verification.CONFIRM, Keyword.parseWithConsent("Y")))
                .as("the prompt is answered once").isEqualTo(new Decision.Usage(false));
    }

    @Test
    void aLockoutIsSharedAndKeptUntilTheEndOfTheDay() throws Exception {
        ConsentGate a = instance(3);
        ConsentGate b = instance(3);
        assertThat(a.onCheck(ALICE, false)).isEqualTo(new Decision.WrongCode(2));
        assertThat(b.onCheck(ALICE, false)).isEqualTo(new Decision.WrongCode(1));
        assertThat(a.onCheck(ALICE, false)).isEqualTo(new Decision.Locked(true));
        assertThat(b.onText(ALICE, Verification.ID_LAST4, Keyword.parseWithConsent("CXMYD#1234")))
                .isEqualTo(new Decision.Locked(false));
        long ttl = server.pttl(RedisConsentStore.key(ALICE));
        assertThat(ttl).as("kept until midnight in Shanghai, at most a day").isPositive()
                .isLessThanOrEqualTo(Duration.ofDays(1).toMillis());
    }

    @Test
    void concurrentTextsOfOneSubscriberOnTwoInstancesLoseNoUpdate() throws Exception {
        ConsentGate a = instance(100);
        ConsentGate b = instance(100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Decision>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ConsentGate g = i % 2 == 0 ? a : b;
                all.add(pool.submit(() -> g.onCheck(ALICE, false)));
            }
            List<Integer> left = new ArrayList<>();
            for (Future<Decision> f : all) {
                left.add(((Decision.WrongCode) f.get(10, TimeUnit.SECONDS)).attemptsLeft());
            }
            // Each wrong code counted once: the answers are 99, 98, ... 60, each exactly once.
            assertThat(left).doesNotHaveDuplicates().hasSize(40).allMatch(n -> n >= 60 && n <= 99);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeadRedisFailsTheStepWithinTheTimeoutInsteadOfDecidingBlind() throws Exception {
        ConsentGate a = instance(3);
        server.kill();
        assertThatThrownBy(() -> a.onText(ALICE, Verification.CONFIRM, Keyword.parseWithConsent("CXMYD")))
                .isInstanceOf(ConsentStoreException.class)
                .hasMessageStartingWith("consent state: ")
                .hasMessageNotContaining("123456789abcdef0");
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.call()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("redis not connected within 15 s");
            }
            Thread.sleep(20);
        }
    }
}
