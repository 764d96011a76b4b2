package io.cxmyd.itinerary.bench.cache;

import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.cache.CacheKeys;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of naming a cache entry (HMAC-SHA256 of the number, truncated, base64url, plus the day): paid
 * on every lookup, hit or miss, on the caller's thread.
 *
 * <pre>
 * mvn -q -pl itinerary-client test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp itinerary-client/target/test-classes:itinerary-client/target/classes:$(cat itinerary-client/target/cp.txt) \
 *     org.openjdk.jmh.Main CacheKeyBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheKeyBenchmark {

    private CacheKeys keys;
    private Msisdn[] numbers;
    private final LocalDate day = LocalDate.of(2026, 11, 21);
    private int next;

    @Setup
    public void setUp() {
        keys = CacheKeys.withSecret("benchmark secret, 32 bytes long!".getBytes(StandardCharsets.UTF_8));
        numbers = new Msisdn[1024];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = Msisdn.parse(String.format("1380013%04d", i));
        }
    }

    @Benchmark
    public String key() {
        return keys.key(numbers[next++ & 1023], day);
    }

    @Benchmark
    @Threads(2)
    public String keyFromTwoThreads() {
        return keys.key(numbers[(int) (Thread.currentThread().getId() & 1023)], day);
    }
}
