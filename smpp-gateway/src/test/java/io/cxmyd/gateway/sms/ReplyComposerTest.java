package io.cxmyd.gateway.sms;

import static io.cxmyd.gateway.sms.Itineraries.BEIJING;
import static io.cxmyd.gateway.sms.Itineraries.GUANGZHOU;
import static io.cxmyd.gateway.sms.Itineraries.HONG_KONG;
import static io.cxmyd.gateway.sms.Itineraries.JAPAN;
import static io.cxmyd.gateway.sms.Itineraries.NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.itinerary.Itinerary;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Note;
import io.cxmyd.itinerary.Place;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplyComposerTest {

    private static final ReplyContext MOBILE = new ReplyContext("【中国移动】", "10086");
    private static final String HEAD = "【中国移动】尊敬的138****8000用户，您好！根据通信大数据分析，11月14日至11月20日";

    private final ReplyComposer composer = ReplyComposer.withDefaults();

    private String found(Itinerary itinerary) {
        return composer.compose(new LookupResult.Found(itinerary), MOBILE);
    }

    @Test
    void foundListsCitiesThenCountriesWithDatesAndUpdateTime() {
        String text = found(Itineraries.of(List.of(BEIJING, GUANGZHOU), List.of(JAPAN), Set.of()));
        assertThat(text).isEqualTo(HEAD + "您到达或途经：北京市、广东省广州市（连续停留4小时以上的城市）；境外：日本。"
                + "更新时间：11月21日08:00。");
    }

    @Test
    void foundWithoutCountriesHasNoForeignClause() {
        String text = found(Itineraries.of(List.of(GUANGZHOU), List.of(), Set.of()));
        assertThat(text).isEqualTo(HEAD + "您到达或途经：广东省广州市（连续停留4小时以上的城市）。更新时间：11月21日08:00。");
    }

    @Test
    void riskMarkedCityGetsAStarAndTheReplyEndsWithThePublishedNote() {
        Place riskyGuangzhou = new Place("440100", "广东省广州市", true);
        String text = found(Itineraries.of(List.of(BEIJING, riskyGuangzhou), List.of(), Set.of(Note.RISK_MARKED)));
        assertThat(text).contains("北京市、广东省广州市*（连续停留4小时以上的城市）")
                .endsWith("。*表示当前该城市存在中风险或高风险地区，并不表示用户实际到访过这些中高风险地区");
    }

    @Test
    void portedAndVirtualOperatorNotesFollowTheUpdateTime() {
        Msisdn virtual = Msisdn.parse("17012345678");
        String text = found(Itineraries.of(virtual, List.of(BEIJING), List.of(),
                Set.of(Note.VIRTUAL_OPERATOR, Note.PORTED_RECENTLY)));
        assertThat(text).contains("尊敬的170****5678用户")
                .endsWith("更新时间：11月21日08:00。您是“携号转网”用户，行程信息的计算会有1-2天的延迟。"
                        + "虚拟运营商手机号查询不完全支持，不保证查询结果的准确性。");
    }

    @Test
    void nothingQualifiedSaysNoCityMetTheFourHourStayAndStillListsCountries() {
        String withCountries = found(Itineraries.of(List.of(), List.of(JAPAN, HONG_KONG), Set.of()));
        assertThat(withCountries).isEqualTo(HEAD + "您未在任何国内城市连续停留4小时以上；境外：日本、中国香港。"
                + "更新时间：11月21日08:00。");
        String without = found(Itineraries.of(List.of(), List.of(), Set.of()));
        assertThat(without).isEqualTo(HEAD + "您未在任何国内城市连续停留4小时以上。更新时间：11月21日08:00。");
    }

    @Test
    void newAccountGetsThePublishedRefusalWithTheConfiguredAge() {
        String seven = composer.compose(new LookupResult.NewAccount(NUMBER, LocalDate.of(2026, 11, 18), 7), MOBILE);
        assertThat(seven).isEqualTo("【中国移动】尊敬的138****8000用户，经核验，您所使用的手机号码开户时间未满7天，"
                + "暂不提供行程查询服务。");
        String fourteen = composer.compose(new LookupResult.NewAccount(NUMBER, LocalDate.of(2026, 11, 18), 14),
                MOBILE);
        assertThat(fourteen).contains("经核验，您所使用的手机号码开户时间未满14天");
    }

    @Test
    void noDataGivesTheFaqAdviceAndThePortedNote() {
        LookupResult noData = new LookupResult.NoData(NUMBER, Itineraries.DATA_DAY, Itineraries.UPDATE_TIME,
                Set.of(Note.PORTED_RECENTLY));
        String text = composer.compose(noData, MOBILE);
        assertThat(text).startsWith("【中国移动】尊敬的138****8000用户，您好！暂未查询到您的行程信息。")
                .contains("多打几通电话", "数据流量", "第二天", "更新时间：11月21日08:00。")
                .endsWith("行程信息的计算会有1-2天的延迟。");
    }

    @Test
    void unavailableAsksToTryLater() {
        String text = composer.compose(new LookupResult.Unavailable(NUMBER, LookupResult.Reason.TIMEOUT), MOBILE);
        assertThat(text).isEqualTo("【中国移动】行程查询服务繁忙，请稍后再试。");
    }

    @Test
    void usageNamesTheServiceNumberWrittenTo() {
        assertThat(composer.usage(new ReplyContext("【中国电信】", "10001")))
                .isEqualTo("【中国电信】您好！查询通信大数据行程卡，请发送CXMYD到10001。");
    }

    @Test
    void tooFrequentAsksToTryLater() {
        assertThat(composer.tooFrequent(MOBILE)).isEqualTo("【中国移动】您的查询过于频繁，请稍后再试。");
    }

    @Test
    void emptySignatureLeavesNoBrackets() {
        assertThat(composer.tooFrequent(new ReplyContext("", "10086"))).isEqualTo("您的查询过于频繁，请稍后再试。");
    }

    @Test
    void everyLookupOutcomeHasItsKind() {
        assertThat(ReplyKind.of(new LookupResult.Found(Itineraries.of(List.of(BEIJING), List.of(), Set.of()))))
                .isEqualTo(ReplyKind.FOUND);
        assertThat(ReplyKind.of(new LookupResult.Found(Itineraries.of(List.of(), List.of(JAPAN), Set.of()))))
                .isEqualTo(ReplyKind.NOTHING_QUALIFIED);
        assertThat(ReplyKind.of(new LookupResult.NewAccount(NUMBER, LocalDate.of(2026, 11, 20), 7)))
                .isEqualTo(ReplyKind.NEW_ACCOUNT);
        assertThat(ReplyKind.of(new LookupResult.NoData(NUMBER, Itineraries.DATA_DAY, Itineraries.UPDATE_TIME,
                Set.of()))).isEqualTo(ReplyKind.NO_DATA);
        assertThat(ReplyKind.of(new LookupResult.Unavailable(NUMBER, LookupResult.Reason.NOT_READY)))
                .isEqualTo(ReplyKind.UNAVAILABLE);
    }

    @Test
    void twoHundredCitiesAreCutToTheMostThatFitSixPartsWithACountOfTheRest() {
        List<Place> cities = Itineraries.cities(200);
        String text = found(Itineraries.of(cities, List.of(), Set.of()));

        assertThat(Segmenter.partCount(text)).isLessThanOrEqualTo(6);
        // Oracle: the largest number of cities whose reply, written out here by hand, fits six parts.
        int expectedShown = 0;
        String expected = null;
        for (int k = 199; k >= 1 && expected == null; k--) {
            String candidate = HEAD + "您到达或途经：" + names(cities.subList(0, k)) + "等另外" + (200 - k)
                    + "个城市（连续停留4小时以上的城市）。更新时间：11月21日08:00。";
            if (Segmenter.partCount(candidate) <= 6) {
                expectedShown = k;
                expected = candidate;
            }
        }
        assertThat(expectedShown).isBetween(10, 60);
        assertThat(text).isEqualTo(expected);
    }

    @Test
    void cutRiskCityTakesItsStarAndNoteAway() {
        List<Place> cities = new ArrayList<>(Itineraries.cities(200));
        cities.set(150, new Place("440151", "广东省城市151", true));
        String text = found(Itineraries.of(cities, List.of(), Set.of(Note.RISK_MARKED)));
        // The masked number holds "****"; no city name is followed by a star, and the note is gone.
        assertThat(text).contains("等另外").doesNotContainPattern("城市\\d+\\*").doesNotContain("中高风险");

        cities.set(3, new Place("440104", "广东省城市4", true));
        String shown = found(Itineraries.of(cities, List.of(), Set.of(Note.RISK_MARKED)));
        assertThat(shown).contains("广东省城市4*、").endsWith("并不表示用户实际到访过这些中高风险地区");
    }

    @Test
    void cutNeverBreaksASurrogatePair() {
        List<Place> cities = IntStream.rangeClosed(1, 200)
                .mapToObj(i -> new Place("x" + i, "𠀀" + "城" + i + "😀", false)).toList();
        for (int maxParts = 1; maxParts <= 8; maxParts++) {
            String text = new ReplyComposer(ReplyTemplates.defaults(), maxParts)
                    .compose(new LookupResult.Found(Itineraries.of(cities, List.of(JAPAN), Set.of())), MOBILE);
            assertThat(Segmenter.partCount(text)).as("maxParts %d", maxParts).isLessThanOrEqualTo(maxParts);
            assertThat(hasLoneSurrogate(text)).as("maxParts %d", maxParts).isFalse();
        }
    }

    @Test
    void countriesAreCutWhenOneCityIsNotShortEnough() {
        List<Place> countries = IntStream.rangeClosed(1, 300)
                .mapToObj(i -> new Place("C" + i, "国家" + i, false)).toList();
        String text = found(Itineraries.of(List.of(BEIJING, GUANGZHOU), countries, Set.of()));
        assertThat(Segmenter.partCount(text)).isLessThanOrEqualTo(6);
        assertThat(text).contains("北京市等另外1个城市").containsPattern("国家\\d+等另外\\d+个国家（地区）。更新时间");
    }

    @Test
    void replyLongerThanOnePartEvenWithOneCityIsCutAtACharacterAndEndsWithAnEllipsis() {
        ReplyComposer onePart = new ReplyComposer(ReplyTemplates.defaults(), 1);
        String text = onePart.compose(new LookupResult.Found(
                Itineraries.of(List.of(BEIJING, GUANGZHOU), List.of(JAPAN), Set.of())), MOBILE);
        assertThat(text).hasSize(70).endsWith("…").startsWith(HEAD);
    }

    @Test
    void overriddenTemplatesAreUsed() {
        ReplyComposer custom = new ReplyComposer(ReplyTemplates.of(Map.of(
                "usage", "请发送CXMYD至{serviceNumber}查询{signature}",
                "countries", " 境外{list}")), 6);
        assertThat(custom.usage(MOBILE)).isEqualTo("请发送CXMYD至10086查询【中国移动】");
        assertThat(custom.compose(new LookupResult.Found(Itineraries.of(List.of(BEIJING), List.of(JAPAN),
                Set.of())), MOBILE)).contains("（连续停留4小时以上的城市） 境外日本。");
    }

    @Test
    void maxPartsOutsideOneTo255IsRefusedNamingTheOption() {
        assertThatThrownBy(() -> new ReplyComposer(ReplyTemplates.defaults(), 0))
                .hasMessage("maxParts: between 1 and 255, was 0");
        assertThatThrownBy(() -> new ReplyComposer(ReplyTemplates.defaults(), 256))
                .hasMessage("maxParts: between 1 and 255, was 256");
    }

    private static String names(List<Place> places) {
        return places.stream().map(Place::name).collect(Collectors.joining("、"));
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
