package io.cxmyd.itinerary.rules;

import io.cxmyd.itinerary.LookupResult;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.util.Set;

/**
 * Who is answered, and with what (itinerary-rules.md §5 and §6): new accounts, ported numbers, virtual
 * operators, no data, nothing qualified, risk marks. Pure.
 */
public final class AccountRules {

    private final RulesOptions rules;

    public AccountRules(RulesOptions rules) {
        this.rules = rules;
    }

    /**
     * The outcome for {@code msisdn}: {@code profile} is {@code null} for a number the registry does not
     * know; {@code trip} is what its events show in {@code day}'s window.
     */
    public LookupResult decide(
            Msisdn msisdn, SubscriberProfile profile, Trip trip, DataDay day, Set<Integer> riskAreaIds) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
