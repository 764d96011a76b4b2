package io.cxmyd.gateway.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the gateway's JMH benchmarks (test scope). From the repository root:
 *
 * <pre>
 * mvn -q -pl smpp-gateway -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
 * java -cp "smpp-gateway/target/test-classes:smpp-gateway/target/classes:$(cat smpp-gateway/target/bench.cp)" \
 *     io.cxmyd.gateway.bench.BenchmarkMain [regex] [--quick]
 * </pre>
 *
 * {@code regex} selects benchmarks (default: all in this package); {@code --quick} runs one short fork for a
 * smoke figure instead of the default 2 forks x (5 x 1 s warm-up, 5 x 1 s measurement). JMH refuses to start
 * while another JMH run holds /tmp/jmh.lock; {@code -Djmh.ignoreLock=true} overrides that, at the price of
 * figures disturbed by the other run.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException {
        String include = BenchmarkMain.class.getPackageName() + ".*";
        boolean quick = false;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else {
                include = arg;
            }
        }
        OptionsBuilder builder = new OptionsBuilder();
        builder.include(include);
        if (quick) {
            builder.forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3).measurementTime(TimeValue.seconds(1));
        } else {
            builder.forks(2).warmupIterations(5).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        Options options = builder.build();
        new Runner(options).run();
    }
}
