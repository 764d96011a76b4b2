package io.cxmyd.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.gateway.config.GatewayConfig;
import io.cxmyd.itinerary.Msisdn;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodeBookTest {

    private static final Msisdn ALICE = Msisdn.parse("13800138000");
    private static final Msisdn BOB = Msisdn.parse("13900139000");
    // 10:00:30 within its hour and minute: tests that cross a window say so.
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-21T02:00:30Z"));
    private final InProcessWebStore store = new InProcessWebStore(clock);
    private int next = 111111;

    private CodeBook book(int perAddress, int perNumber, int perMinute) {
        return new CodeBook(store, Hmac.random(), clock, new GatewayConfig.Web.Codes(perAddress, perNumber, perMinute),
                () -> Integer.toString(next++));
    }

    private CodeBook book() {
        return book(100, 100, 1000);
    }

    private static String issued(CodeBook.Ask ask) {
        assertThat(ask).isInstanceOf(CodeBook.Ask.Issued.class);
        return ((CodeBook.Ask.Issued) ask).code();
    }

    @Test
    void rightCodeVerifiesOnceOnly() {
        CodeBook b = book();
        String code = issued(b.ask(ALICE, "10.0.0.1").join());

        assertThat(b.check(ALICE, code).join()).isEqualTo(CodeBook.Check.VERIFIED);
        assertThat(b.check(ALICE, code).join()).isEqualTo(CodeBook.Check.WRONG);
    }

    @Test
    void codeOfOneNumberDoesNotOpenAnother() {
        CodeBook b = book();
        String code = issued(b.ask(ALICE, "10.0.0.1").join());
        issued(b.ask(BOB, "10.0.0.1").join());

        assertThat(b.check(BOB, code).join()).isEqualTo(CodeBook.Check.WRONG);
    }

    @Test
    void codeExpiresAfterFiveMinutes() {
        CodeBook b = book();
        String code = issued(b.ask(ALICE, "10.0.0.1").join());

        clock.advance(Duration.ofMinutes(5));

        assertThat(b.check(ALICE, code).join()).isEqualTo(CodeBook.Check.WRONG);
    }

    @Test
    void codeIsStillGoodJustBeforeItsFiveMinutes() {
        CodeBook b = book();
        String code = issued(b.ask(ALICE, "10.0.0.1").join());

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));

        assertThat(b.check(ALICE, code).join()).isEqualTo(CodeBook.Check.VERIFIED);
    }

    @Test
    void fiveWrongTriesKillTheCodeEvenForTheRightDigits() {
        CodeBook b = book();
        String code = issued(b.ask(ALICE, "10.0.0.1").join());
        for (int i = 0; i < 4; i++) {
            assertThat(b.check(ALICE, "000000").join()).isEqualTo(CodeBook.Check.WRONG);
        }
        assertThat(b.check(ALICE, "000000").join()).isEqualTo(CodeBook.Check.DEAD);

        assertThat(b.check(ALICE, code).join()).isEqualTo(CodeBook.Check.DEAD);
    }

    @Test
    void fourWrongTriesStillLetTheRightCodeIn() {
        CodeBook b = book();
        String code = issued(b.ask(ALICE, "10.0.0.1").join());
        for (int i = 0; i < 4; i++) {
            b.check(ALICE, "000000").join();
        }

        assertThat(b.check(ALICE, code).join()).isEqualTo(CodeBook.Check.VERIFIED);
    }

    @Test
    void secondCodeWithinSixtySecondsIsRefusedUntilTheMinuteIsOver() {
        CodeBook b = book();
        issued(b.ask(ALICE, "10.0.0.1").join());
        clock.advance(Duration.ofSeconds(20));

        CodeBook.Ask again = b.ask(ALICE, "10.0.0.2").join();

        assertThat(again).isEqualTo(new CodeBook.Ask.Refused(Duration.ofSeconds(40), "gap"));
        clock.advance(Duration.ofSeconds(40));
        issued(b.ask(ALICE, "10.0.0.2").join());
    }

    @Test
    void newCodeReplacesTheOldOne() {
        CodeBook b = book();
        String first = issued(b.ask(ALICE, "10.0.0.1").join());
        clock.advance(Duration.ofSeconds(61));
        String second = issued(b.ask(ALICE, "10.0.0.1").join());

        assertThat(b.check(ALICE, first).join()).isEqualTo(CodeBook.Check.WRONG);
        assertThat(b.check(ALICE, second).join()).isEqualTo(CodeBook.Check.VERIFIED);
    }

    @Test
    void numberBudgetPerHourHoldsUntilTheHourEnds() {
        CodeBook b = book(100, 2, 1000);
        issued(b.ask(ALICE, "10.0.0.1").join());
        clock.advance(Duration.ofSeconds(60));
        issued(b.ask(ALICE, "10.0.0.1").join());
        clock.advance(Duration.ofSeconds(60));

        CodeBook.Ask third = b.ask(ALICE, "10.0.0.1").join();

        // 02:02:30 now: the hour's window ends at 03:00:00.
        assertThat(third).isEqualTo(new CodeBook.Ask.Refused(Duration.ofMinutes(57).plusSeconds(30), "number"));
        clock.advance(Duration.ofMinutes(58));
        issued(b.ask(ALICE, "10.0.0.1").join());
    }

    @Test
    void addressBudgetPerHourCountsEveryNumberItAsksFor() {
        CodeBook b = book(3, 100, 1000);
        for (int i = 0; i < 3; i++) {
            issued(b.ask(Msisdn.parse("1380013800" + i), "10.0.0.9").join());
        }

        assertThat(b.ask(Msisdn.parse("13800138009"), "10.0.0.9").join()).isInstanceOf(CodeBook.Ask.Refused.class);
        issued(b.ask(Msisdn.parse("13800138009"), "10.0.0.10").join());
    }

    @Test
    void serviceBudgetPerMinuteStopsEveryoneUntilTheNextMinute() {
        CodeBook b = book(100, 100, 2);
        issued(b.ask(Msisdn.parse("13800138001"), "10.0.0.1").join());
        issued(b.ask(Msisdn.parse("13800138002"), "10.0.0.2").join());

        assertThat(b.ask(Msisdn.parse("13800138003"), "10.0.0.3").join())
                .isEqualTo(new CodeBook.Ask.Refused(Duration.ofSeconds(60), "service"));
        assertThat(b.ask(Msisdn.parse("13800138004"), "10.0.0.4").join())
                .isInstanceOf(CodeBook.Ask.Refused.class);
        // The minute's budget is back at 02:01:00 for a new number; the refused ones wait for their own
        // minute (02:01:30), as their Retry-After said.
        clock.advance(Duration.ofSeconds(30));
        issued(b.ask(Msisdn.parse("13800138005"), "10.0.0.5").join());
        assertThat(b.ask(Msisdn.parse("13800138003"), "10.0.0.3").join()).isInstanceOf(CodeBook.Ask.Refused.class);
        clock.advance(Duration.ofSeconds(30));
        issued(b.ask(Msisdn.parse("13800138003"), "10.0.0.3").join());
    }

    @Test
    void codesAreSixDigitsAndSpreadOverTheirRange() {
        var digits = CodeBook.sixDigits(new SecureRandom());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String c = digits.get();
            assertThat(c).matches("\\d{6}");
            seen.add(c);
        }
        assertThat(seen).hasSizeGreaterThan(1990);
    }

    @Test
    void issuedCodeDoesNotPrintItsDigits() {
        assertThat(new CodeBook.Ask.Issued("123456").toString()).doesNotContain("123456");
    }
}
