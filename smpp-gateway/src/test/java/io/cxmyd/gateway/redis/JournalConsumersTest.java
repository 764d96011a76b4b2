package io.cxmyd.gateway.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalConsumersTest {

    @Test
    void aStableNameTakesBackOnlyItsOwnEntries() {
        JournalConsumers c = new JournalConsumers("gw-a", Duration.ofMinutes(1), 1000, pid -> false, Duration.ofSeconds(1));
        assertThat(c.ownedBy(List.of("gw-a", "gw-b", "gw-a2"))).containsExactly("gw-a");
    }

    @Test
    void theDefaultHostPidNameAlsoTakesTheEntriesOfDeadPidsOfItsHost() {
        JournalConsumers c = new JournalConsumers("node7-4242", Duration.ofMinutes(1), 1000, pid -> pid == 1111, Duration.ofSeconds(1));
        assertThat(c.ownedBy(List.of("node7-4242", "node7-1111", "node7-999", "node8-999", "node7-x")))
                .containsExactly("node7-4242", "node7-999");
    }
}
