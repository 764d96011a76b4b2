package io.cxmyd.gateway.query;

import static io.cxmyd.gateway.query.PathFixtures.CM;
import static io.cxmyd.gateway.query.PathFixtures.CU;
import static io.cxmyd.gateway.query.PathFixtures.NOW;
import static io.cxmyd.gateway.query.PathFixtures.SUBSCRIBER;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.consent.ConsentAudit;
import io.cxmyd.gateway.consent.ConsentGate;
import io.cxmyd.gateway.consent.ConsentOptions;
import io.cxmyd.gateway.consent.ConsentRules;
import io.cxmyd.gateway.consent.ConsentStoreException;
import io.cxmyd.gateway.consent.Verification;
import io.cxmyd.gateway.sms.Keyword;
import io.cxmyd.gateway.sms.ReplyKind;
import io.cxmyd.itinerary.IdLast4;
import io.cxmyd.itinerary.IdLast4Hash;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The consent step returns what it concluded: an answer of its own, go on to the lookup, or "not asked"
 * (usage). cm asks for Y, cu for the ID card's last four characters.
 */
class ConsentPolicyTest {

    private static final Msisdn ALICE = Msisdn.parse(SUBSCRIBER);
    private static final long KEY = 42L;
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ConsentOptions options = new ConsentOptions(WINDOW, 3, ZoneId.of("Asia/Shanghai"));
    private final IdLast4Hash ids = new IdLast4Hash("a-secret-of-16-chars");
    private final PathFixtures.ScriptedClient client = new PathFixtures.ScriptedClient();

    private ConsentPolicy policy(ConsentGate gate) {
        return new ConsentPolicy(Map.of(CM, Verification.CONFIRM, CU, Verification.ID_LAST4, "plain",
                Verification.NONE), gate, ids, client, new ConsentAudit(), clock, () -> NOW, Runnable::run);
    }

    private final ConsentPolicy policy = policy(ConsentGate.inProcess(options, clock));

    private ConsentStep text(String carrier, String text) {
        return policy.decide(carrier, ALICE, KEY, Keyword.parseWithConsent(text)).toCompletableFuture().join();
    }

    @Test
    void onlyCarriersWithAVerificationAreCovered() {
        assertThat(policy.covers(CM)).isTrue();
        assertThat(policy.covers("plain")).isFalse();
        assertThat(policy.covers("unknown")).isFalse();
    }

    @Test
    void theKeywordIsAnsweredWithThePromptAndYGoesOnToTheLookup() {
        assertThat(text(CM, "CXMYD")).isEqualTo(new ConsentStep.Answer(new Verdict.Prompt(Verification.CONFIRM, WINDOW)));
        assertThat(text(CM, "Y")).isEqualTo(new ConsentStep.Lookup());
    }

    @Test
    void anyOtherTextWithNothingPendingIsNotAConsentQuestion() {
        assertThat(text(CM, "hello")).isEqualTo(new ConsentStep.NotAsked());
    }

    @Test
    void anotherTextWhileAPromptWaitsCancelsIt() {
        text(CM, "CXMYD");

        assertThat(text(CM, "hello")).isEqualTo(new ConsentStep.Answer(new Verdict.ConsentEnded(ReplyKind.CONSENT_CANCELLED)));
    }

    @Test
    void theRightIdCodeGoesOnToTheLookupAfterTheRegistryCheck() {
        client.id = new IdLast4.Registered(ids.hash(ALICE, "123X"));
        assertThat(text(CU, "CXMYD")).isEqualTo(new ConsentStep.Answer(new Verdict.Prompt(Verification.ID_LAST4, WINDOW)));

        assertThat(text(CU, "123x")).isEqualTo(new ConsentStep.Lookup());
        assertThat(client.idsAsked).containsExactly(ALICE);
    }

    @Test
    void aWrongIdCodeSaysHowManyTriesAreLeftAndTheLastOneLocks() {
        client.id = new IdLast4.Registered(ids.hash(ALICE, "123X"));
        text(CU, "CXMYD");

        assertThat(text(CU, "9999")).isEqualTo(new ConsentStep.Answer(new Verdict.WrongCode(2, WINDOW)));
        assertThat(text(CU, "9998")).isEqualTo(new ConsentStep.Answer(new Verdict.WrongCode(1, WINDOW)));
        assertThat(text(CU, "9997")).isEqualTo(new ConsentStep.Answer(new Verdict.ConsentEnded(ReplyKind.CONSENT_LOCKED)));
    }

    @Test
    void aNumberWithoutAnIdOnFileCannotBeVerified() {
        client.id = new IdLast4.NotRegistered();
        text(CU, "CXMYD");

        assertThat(text(CU, "1234"))
                .isEqualTo(new ConsentStep.Answer(new Verdict.ConsentEnded(ReplyKind.CONSENT_UNVERIFIABLE)));
    }

    @Test
    void aRegistryThatDoesNotAnswerMeansTryLaterWithoutCountingAnAttempt() {
        client.id = new IdLast4.Unavailable(LookupResult.Reason.TIMEOUT);
        text(CU, "CXMYD");

        assertThat(text(CU, "1234")).isEqualTo(new ConsentStep.Answer(
                new Verdict.Looked(new LookupResult.Unavailable(ALICE, LookupResult.Reason.TIMEOUT))));
        client.id = new IdLast4.Registered(ids.hash(ALICE, "1234"));
        assertThat(text(CU, "1234")).as("the prompt still waits").isEqualTo(new ConsentStep.Lookup());
    }

    @Test
    void withoutItsStateTheStepNeverSendsAnItineraryNobodyConfirmed() {
        ConsentRules rules = new ConsentRules(options);
        ConsentGate down = new ConsentGate(rules, (key, step) -> {
            throw new ConsentStoreException("redis down");
        }, clock);

        ConsentStep step = policy(down).decide(CM, ALICE, KEY, Keyword.parseWithConsent("Y")).toCompletableFuture().join();

        assertThat(step).isEqualTo(new ConsentStep.Answer(
                new Verdict.Looked(new LookupResult.Unavailable(ALICE, LookupResult.Reason.SOURCE_ERROR))));
    }
}
