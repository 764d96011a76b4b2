package io.cxmyd.batch.spark;

import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.RulesOptions;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * What the executors need to rebuild the rules and the data day: plain values, since the rules' records
 * are not {@link Serializable}.
 */
record RulesSpec(int windowDays, int newAccountDays, String refreshTime, String zone, long minStaySeconds,
        long bounceSeconds, String dataDay) implements Serializable {

    static RulesSpec of(RulesOptions r, LocalDate day) {
        return new RulesSpec(r.windowDays(), r.newAccountDays(), r.refreshTime().toString(), r.zone().getId(),
                r.minStay().getSeconds(), r.bounceTolerance().getSeconds(), day.toString());
    }

    RulesOptions rules() {
        return new RulesOptions(windowDays, newAccountDays, LocalTime.parse(refreshTime), ZoneId.of(zone),
                Duration.ofSeconds(minStaySeconds), Duration.ofSeconds(bounceSeconds));
    }

    /** Data day D as a query at D's refresh time sees it (the window does not depend on the query time). */
    DataDay day() {
        RulesOptions r = rules();
        LocalDate d = LocalDate.parse(dataDay);
        return DataDay.at(d.atTime(r.refreshTime()).atZone(r.zone()).toInstant(), r);
    }
}
