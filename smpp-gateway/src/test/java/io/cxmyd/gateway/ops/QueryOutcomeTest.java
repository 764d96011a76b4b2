package io.cxmyd.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryOutcomeTest {

    @Test
    void labelsAreTheContractsWords() {
        assertThat(QueryOutcome.values()).extracting(QueryOutcome::label).containsExactly(
                "served", "new_account", "no_data", "nothing_qualified", "throttled", "unknown_keyword",
                "unavailable", "rejected", "consent_asked", "consent_refused");
        assertThat(ReplyResult.values()).extracting(ReplyResult::label)
                .containsExactly("delivered", "retried", "expired", "rejected");
    }
}
