package io.cxmyd.batch.it;

import org.apache.spark.sql.SparkSession;

/**
 * One local[2] Spark for every test of the JVM: starting Spark costs seconds, and the job's tests share
 * it as the runs of one cluster would. Stopped by Spark's own shutdown hook.
 */
public final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            System.setProperty("io.netty.tryReflectionSetAccessible", "true");
            session = SparkSession.builder()
                    .appName("cxmyd-itinerary-batch-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    // Small inputs: re-planning each shuffle costs more than it saves here.
                    .config("spark.sql.adaptive.enabled", "false")
                    .config("spark.sql.session.timeZone", "Asia/Shanghai")
                    .getOrCreate();
        }
        return session;
    }
}
