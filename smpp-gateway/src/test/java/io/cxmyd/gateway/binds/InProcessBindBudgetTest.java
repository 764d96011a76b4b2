package io.cxmyd.gateway.binds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InProcessBindBudgetTest {

    @Test
    void aCarrierGetsAtMostItsBudgetAndAReleasedSessionGoesAgain() {
        InProcessBindBudget budget = new InProcessBindBudget(Map.of("china-mobile", 2));
        BindBudget.Lease first = budget.acquire("china-mobile").orElseThrow();
        assertThat(budget.acquire("china-mobile")).isPresent();
        assertThat(budget.acquire("china-mobile")).isEmpty();
        assertThat(budget.acquire("china-unicom")).as("no budget configured").isEmpty();

        assertThat(budget.renew(first)).isEqualTo(BindBudget.Renewal.HELD);
        budget.release(first);
        assertThat(budget.renew(first)).isEqualTo(BindBudget.Renewal.LOST);
        assertThat(budget.acquire("china-mobile")).isPresent();
    }
}
