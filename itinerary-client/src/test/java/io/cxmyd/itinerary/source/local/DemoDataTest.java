package io.cxmyd.itinerary.source.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.Itinerary;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.Note;
import io.cxmyd.itinerary.Place;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.AccountRules;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.rules.StayCalculator;
import io.cxmyd.itinerary.rules.Trip;
import io.cxmyd.itinerary.source.SubscriberData;
import io.cxmyd.itinerary.tools.DatasetGenerator;
import io.cxmyd.itinerary.tools.GeneratorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed demo dataset (config/demo-data) loads, is exactly what the generator writes, and gives
 * each showcase number the reply docs/demo-data.md promises at the pinned demo clock.
 */
class DemoDataTest {

    /** Maven runs the tests in the module folder; the dataset is in the project's config/. */
    static final Path DEMO = Path.of("..", "config", "demo-data");
    private static final Instant CLOCK = Instant.parse("2026-11-21T01:30:00Z"); // 09:30 +08:00
    private static final RulesOptions RULES = RulesOptions.defaults();
    private static final AreaCatalog CATALOG = AreaCatalog.standard();

    private static LocalDatasetSource source;

    @BeforeAll
    static void load() {
        source = LocalDatasetSource.load(DEMO, CATALOG, Set.of("china-mobile", "china-unicom", "china-telecom"));
    }

    @AfterAll
    static void close() {
        source.close();
    }

    private static LookupResult reply(String number) {
        Msisdn msisdn = Msisdn.parse(number);
        DataDay day = DataDay.at(CLOCK, RULES);
        Optional<SubscriberData> data = source.fetch(msisdn, day).join();
        Trip trip = data.map(d -> new StayCalculator(RULES, CATALOG).compute(d.events(), day)).orElse(Trip.EMPTY);
        return new AccountRules(RULES).decide(msisdn, data.map(SubscriberData::profile).orElse(null), trip, day,
                source.riskAreaIds());
    }

    private static Itinerary found(String number) {
        LookupResult result = reply(number);
        assertThat(result).isInstanceOf(LookupResult.Found.class);
        return ((LookupResult.Found) result).itinerary();
    }

    private static List<String> names(List<Place> places) {
        return places.stream().map(Place::name).toList();
    }

    @Test
    void theCommittedFilesAreTheGeneratorsOutput(@TempDir Path tmp) throws IOException {
        DatasetGenerator.generate(GeneratorOptions.parse("--out", tmp.toString(), "--subscribers", "200", "--days", "9",
                "--end", "2026-11-21", "--seed", "20261121", "--showcase"));
        for (String file : List.of("cells.csv", "subscribers.csv", "signaling.csv")) {
            assertThat(Files.mismatch(DEMO.resolve(file), tmp.resolve(file))).as(file).isEqualTo(-1L);
        }
        assertThat(DEMO.resolve("risk-areas.csv")).doesNotExist(); // risk marking is off by default
    }

    @Test
    void multiCityWeekWithJapan() {
        Itinerary it = found("13800138000");
        assertThat(names(it.places())).containsExactly("北京市", "河北省石家庄市", "广东省广州市", "湖北省仙桃市");
        assertThat(names(it.countries())).containsExactly("日本");
        assertThat(it.notes()).isEmpty();
        assertThat(it.firstDay()).isEqualTo(LocalDate.of(2026, 11, 14));
        assertThat(it.lastDay()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void newAccountIsRefused() {
        assertThat(reply("13800138001")).isEqualTo(new LookupResult.NewAccount(
                Msisdn.parse("13800138001"), LocalDate.of(2026, 11, 18), 7));
    }

    @Test
    void portedYesterdayCarriesTheLagNote() {
        Itinerary it = found("13800138002");
        assertThat(names(it.places())).containsExactly("浙江省杭州市");
        assertThat(it.notes()).containsExactly(Note.PORTED_RECENTLY);
    }

    @Test
    void trainPassThroughsQualifyNothing() {
        Itinerary it = found("13800138003");
        assertThat(it.nothingQualified()).isTrue();
        assertThat(it.countries()).isEmpty();
    }

    @Test
    void eventsOnlyBeforeTheWindowAreNoData() {
        assertThat(reply("13800138004")).isInstanceOf(LookupResult.NoData.class);
    }

    @Test
    void borderFlappingIsAbsorbedIntoOneStay() {
        assertThat(names(found("13800138005").places())).containsExactly("河北省廊坊市");
    }

    @Test
    void virtualOperatorCarriesItsNote() {
        Itinerary it = found("17000000001");
        assertThat(names(it.places())).containsExactly("四川省成都市");
        assertThat(it.notes()).containsExactly(Note.VIRTUAL_OPERATOR);
    }

    @Test
    void unicomNormalWeek() {
        assertThat(names(found("18600000000").places())).containsExactly("广东省深圳市", "广东省东莞市");
    }

    @Test
    void telecomWeekWithHongKong() {
        Itinerary it = found("18900000000");
        assertThat(names(it.places())).containsExactly("上海市");
        assertThat(names(it.countries())).containsExactly("中国香港");
    }

    @Test
    void unknownNumberIsNoData() {
        assertThat(reply("13912345678")).isInstanceOf(LookupResult.NoData.class);
    }
}
