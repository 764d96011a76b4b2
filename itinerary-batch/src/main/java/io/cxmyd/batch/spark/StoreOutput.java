package io.cxmyd.batch.spark;

import io.cxmyd.batch.redis.StoreWriter;
import io.cxmyd.itinerary.cache.CacheKeys;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** Where the results go: the store (every partition pipelined by its own task), the marker last, the audit. */
public final class StoreOutput {

    private StoreOutput() {
    }

    /** Writes every result, then the day's marker: the gateways' readiness waits for it. */
    public static void write(ItineraryJob.Outcome outcome, StoreWriter writer, LocalDate day) {
        outcome.results().select("key", "value").foreachPartition(new WritePartition(writer));
        try (StoreWriter.Session s = writer.open()) {
            s.set(CacheKeys.storeMarker(day), marker(day, outcome.subscribers(), outcome.events(), outcome.riskCodes()));
        }
    }

    /** The results as Parquet under {@code dir}/day=D (keys and masked numbers, never a number in clear). */
    public static void audit(ItineraryJob.Outcome outcome, String dir, LocalDate day) {
        outcome.results().write().mode(SaveMode.Overwrite).parquet(dir + "/day=" + day);
    }

    static String marker(LocalDate day, long subscribers, long events, List<String> risk) {
        StringBuilder b = new StringBuilder().append("{\"day\":\"").append(day).append("\",\"subscribers\":")
                .append(subscribers).append(",\"events\":").append(events).append(",\"risk\":[");
        for (int i = 0; i < risk.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(risk.get(i)).append('"');
        }
        return b.append("]}").toString();
    }

    private static final class WritePartition implements ForeachPartitionFunction<Row> {
        private final StoreWriter writer;

        WritePartition(StoreWriter writer) {
            this.writer = writer;
        }

        @Override
        public void call(Iterator<Row> rows) {
            if (!rows.hasNext()) {
                return;
            }
            try (StoreWriter.Session s = writer.open()) {
                while (rows.hasNext()) {
                    Row r = rows.next();
                    s.set(r.getString(0), r.getString(1));
                }
            }
        }
    }
}
