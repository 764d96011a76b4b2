package io.cxmyd.batch.spark;

import io.cxmyd.batch.core.SubscriberAssembler;
import io.cxmyd.batch.core.SubscriberResult;
import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.cache.CacheKeys;
import io.cxmyd.itinerary.cache.DayValue;
import io.cxmyd.itinerary.cache.DayValueCodec;
import io.cxmyd.itinerary.rules.AccountRules;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.rules.StayCalculator;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One partition's sorted input rows into output rows ({@link Rows#OUTPUT}): the Spark side of
 * {@link SubscriberAssembler}, plus the store key (keyed hash), the stored value's encoding and, for the
 * audit output, the account rules' outcome for a query at D's refresh time.
 */
final class Assemble implements MapPartitionsFunction<Row, Row> {

    private final RulesSpec spec;
    private final String hashKey;
    private final List<String> riskCodes;

    Assemble(RulesSpec spec, String hashKey, List<String> riskCodes) {
        this.spec = spec;
        this.hashKey = hashKey;
        this.riskCodes = List.copyOf(riskCodes);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        RulesOptions rules = spec.rules();
        AreaCatalog catalog = AreaCatalog.standard();
        DataDay day = spec.day();
        SubscriberAssembler assembler = new SubscriberAssembler(new StayCalculator(rules, catalog), day);
        AccountRules accountRules = new AccountRules(rules);
        CacheKeys keys = CacheKeys.withSecret(hashKey.getBytes(StandardCharsets.UTF_8));
        DayValueCodec codec = new DayValueCodec(catalog);
        Set<Integer> risk = new HashSet<>();
        riskCodes.forEach(code -> risk.add(catalog.resolve(code).orElseThrow().id()));

        return new LazyIterator<>() {
            private boolean finished;

            @Override
            protected Row computeNext() {
                SubscriberResult r = assembler.takePending();
                while (r == null && input.hasNext()) {
                    Row row = input.next();
                    long number = row.getLong(0);
                    byte kind = row.getByte(1);
                    long offset = row.getLong(4);
                    if (kind == Rows.REFUSED) {
                        String[] parts = row.getString(5).split(Rows.SEP, 2);
                        return refusal(new SubscriberResult.Refusal(parts[0], offset, -1, parts[1]));
                    } else if (kind == Rows.PROFILE) {
                        long days = row.getLong(2);
                        String[] parts = row.getString(5).split(Rows.SEP, 2);
                        r = assembler.profile(number, parts[0], Rows.activatedOn(days), Rows.portedOn(days),
                                parts[1].isEmpty() ? null : parts[1], offset);
                    } else {
                        r = assembler.event(number, row.getLong(2), row.getInt(3), offset);
                    }
                }
                if (r == null && !finished) {
                    finished = true;
                    r = assembler.finish();
                }
                if (r == null) {
                    return null;
                }
                if (r.refusal() != null) {
                    return refusal(r.refusal());
                }
                return result(r.msisdn(), r.value(), r.events());
            }

            private Row result(Msisdn msisdn, DayValue value, long events) {
                LookupResult decided = accountRules.decide(msisdn, value.profile(), value.trip(), day, risk);
                return RowFactory.create(keys.storeKey(msisdn, day.day()), msisdn.masked(), codec.encode(value),
                        outcome(decided), events, null, -1L, -1L, null);
            }
        };
    }

    private static Row refusal(SubscriberResult.Refusal r) {
        return RowFactory.create(null, null, null, null, 0L, r.file(), r.offset(), r.other(), r.reason());
    }

    /** The outcome words of the web channel's JSON (gateway-contract.md). */
    static String outcome(LookupResult r) {
        if (r instanceof LookupResult.Found f) {
            return f.itinerary().nothingQualified() ? "nothing_qualified" : "found";
        }
        if (r instanceof LookupResult.NewAccount) {
            return "new_account";
        }
        if (r instanceof LookupResult.NoData) {
            return "no_data";
        }
        return "unavailable";
    }
}
