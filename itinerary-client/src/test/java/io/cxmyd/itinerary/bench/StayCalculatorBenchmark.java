package io.cxmyd.itinerary.bench;

import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.AccountRules;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.EventTrack;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.rules.StayCalculator;
import io.cxmyd.itinerary.rules.Trip;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The rules on the uncached lookup path: {@link StayCalculator#compute} alone, and followed by
 * {@link AccountRules#decide}, over 256 different subscribers' weeks (so that branch prediction cannot
 * learn one track). Target: well above 100k lookups/s on one thread with ~50 events per subscriber.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StayCalculatorBenchmark {

    private static final int TRACKS = 256;

    @Param({"50"})
    public int events;

    private StayCalculator calculator;
    private AccountRules accounts;
    private DataDay day;
    private EventTrack[] tracks;
    private Msisdn msisdn;
    private SubscriberProfile profile;
    private int next;

    @Setup
    public void setUp() {
        RulesOptions rules = RulesOptions.defaults();
        calculator = new StayCalculator(rules, AreaCatalog.standard());
        accounts = new AccountRules(rules);
        LocalDate dataDay = LocalDate.of(2026, 11, 22);
        day = DataDay.at(Instant.parse("2026-11-22T01:00:00Z"), rules);
        tracks = new EventTrack[TRACKS];
        for (int i = 0; i < TRACKS; i++) {
            tracks[i] = WeekTracks.week(dataDay, i, events);
        }
        msisdn = Msisdn.parse("13800138000");
        profile = new SubscriberProfile("china-mobile", LocalDate.of(2020, 1, 1), null);
    }

    private EventTrack nextTrack() {
        next = (next + 1) & (TRACKS - 1);
        return tracks[next];
    }

    @Benchmark
    public Trip compute() {
        return calculator.compute(nextTrack(), day);
    }

    @Benchmark
    public LookupResult computeAndDecide() {
        Trip trip = calculator.compute(nextTrack(), day);
        return accounts.decide(msisdn, profile, trip, day, Set.of());
    }
}
