package io.cxmyd.itinerary.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmyd.itinerary.Msisdn;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

    private static final byte[] SECRET = "a secret of at least 16 bytes".getBytes(StandardCharsets.UTF_8);
    private static final Msisdn NUMBER = Msisdn.parse("13800138000");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

    @Test
    void aKeyIsVersionedHashedAndDatedWithoutTheNumberInClear() {
        String key = CacheKeys.withSecret(SECRET).key(NUMBER, DAY);

        assertThat(key).matches("cxmyd:v1:it:[A-Za-z0-9_-]{22}:2026-11-21");
        assertThat(key).doesNotContain("13800138000").doesNotContain("38001380").doesNotContain("8000:");
    }

    @Test
    void instancesSharingTheSecretNameEntriesAlike() {
        assertThat(CacheKeys.withSecret(SECRET).key(NUMBER, DAY))
                .isEqualTo(CacheKeys.withSecret(SECRET.clone()).key(Msisdn.parse("+8613800138000"), DAY));
    }

    @Test
    void anotherSecretAnotherNumberOrAnotherDayIsAnotherKey() {
        CacheKeys keys = CacheKeys.withSecret(SECRET);
        String key = keys.key(NUMBER, DAY);

        assertThat(CacheKeys.withSecret("another secret, 16 bytes or more".getBytes(StandardCharsets.UTF_8))
                .key(NUMBER, DAY)).isNotEqualTo(key);
        assertThat(CacheKeys.withRandomSecret().key(NUMBER, DAY)).isNotEqualTo(key);
        assertThat(keys.key(Msisdn.parse("13800138001"), DAY)).isNotEqualTo(key);
        assertThat(keys.key(NUMBER, DAY.plusDays(1))).isNotEqualTo(key);
    }

    @Test
    void keysAreTheSameFromManyThreads() throws Exception {
        CacheKeys keys = CacheKeys.withSecret(SECRET);
        String expected = keys.key(NUMBER, DAY);
        String[] seen = new String[8];
        Thread[] threads = new Thread[seen.length];
        for (int i = 0; i < threads.length; i++) {
            int n = i;
            threads[i] = new Thread(() -> {
                String last = null;
                for (int k = 0; k < 1000; k++) {
                    keys.key(Msisdn.parse("1390013900" + (k % 10)), DAY);
                    last = keys.key(NUMBER, DAY);
                }
                seen[n] = last;
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(seen).containsOnly(expected);
    }
}
