package io.cxmyd.itinerary.bench;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of the test classpath.
 *
 * <pre>
 * mvn -q -pl itinerary-client test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.cxmyd.itinerary.bench.BenchmarkMain -Dexec.args="StayCalculator 1 2 3"
 * </pre>
 *
 * Arguments, all optional: the include regex (default: every benchmark of this package), forks (1),
 * warm-up iterations (2), measurement iterations (3). Iterations last one second each.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException {
        String include = args.length > 0 ? args[0] : BenchmarkMain.class.getPackageName() + ".*";
        int forks = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        exposeClassPathToForks();
        Options options = new OptionsBuilder()
                .include(include)
                .forks(forks)
                .warmupIterations(warmups)
                .measurementIterations(iterations)
                .threads(1)
                .build();
        new Runner(options).run();
    }

    /**
     * JMH starts forked JVMs with {@code java.class.path}. Under {@code exec:java} that property is Maven's
     * own launcher path, while the benchmarks live in a class loader the plugin built from the test
     * classpath: hand that loader's entries to the forks.
     */
    private static void exposeClassPathToForks() {
        if (!(BenchmarkMain.class.getClassLoader() instanceof URLClassLoader loader)) {
            return; // started with a plain -cp: the property is already right
        }
        List<String> entries = new ArrayList<>();
        for (URL url : loader.getURLs()) {
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a file URL: a fork could not use it anyway
            }
        }
        if (!entries.isEmpty()) {
            System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
        }
    }
}
