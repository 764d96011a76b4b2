package io.cxmyd.batch.spark;

import io.cxmyd.batch.BatchOptions;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.WindowTrack;
import io.cxmyd.itinerary.source.local.DatasetLines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Data day D for every subscriber: read → group per subscriber → compute → results (docs/batch.md).
 *
 * <p>Grouping is a repartition by a hash of the number and a sort within each partition (number, profile
 * first, time, file order): the rows of one subscriber arrive together and in order, and
 * {@link Assemble} streams through them, never holding more than one subscriber. The sort spills to disk
 * as Spark's sorts do, so a partition larger than memory still runs.
 */
public final class ItineraryJob {

    /**
     * What a run computed: {@code results} (persisted; {@link Rows#OUTPUT}, refusals filtered out) and
     * the figures, or the first refused row as the local source would report it.
     */
    public record Outcome(Dataset<Row> results, long subscribers, long events, long refused, String refusal,
            List<String> riskCodes) {
    }

    private ItineraryJob() {
    }

    /**
     * Computes {@code options.dataDay()}; cells.csv and risk-areas.csv are checked on the driver first, by
     * the local source's loaders.
     *
     * @throws io.cxmyd.itinerary.source.local.DatasetException when cells.csv, risk-areas.csv or a header
     *     is refused
     */
    public static Outcome run(SparkSession spark, BatchOptions options) throws IOException {
        AreaCatalog catalog = AreaCatalog.standard();
        RulesSpec spec = RulesSpec.of(options.rules(), options.dataDay());
        DataDay day = spec.day();
        InputReader reader = new InputReader(spark, options.dataset());
        java.nio.file.Path small = reader.smallFiles();
        HashMap<String, Integer> cells = new HashMap<>(DatasetLines.cellAreas(small, catalog));
        List<String> risk = new ArrayList<>();
        DatasetLines.riskAreas(small, catalog).forEach(id -> risk.add(catalog.byId(id).code()));
        Broadcast<HashMap<String, Integer>> cellsOnExecutors =
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(cells);

        Dataset<Row> input = reader.subscribers(Set.copyOf(options.carriers()))
                .union(reader.signaling(cellsOnExecutors, WindowTrack.firstSecond(day), WindowTrack.endSecond(day)));
        int partitions = options.partitions() > 0 ? options.partitions()
                : Math.max(2, spark.sparkContext().defaultParallelism() * 2);
        Dataset<Row> out = input
                .repartition(partitions, functions.col("number"))
                // Registry rows in file order (a duplicate is the later row), events in time order, ties in file order.
                .sortWithinPartitions(functions.col("number"), functions.col("kind"),
                        functions.when(functions.col("kind").equalTo(Rows.PROFILE), functions.col("offset"))
                                .otherwise(functions.col("time")),
                        functions.col("offset"))
                .mapPartitions(new Assemble(spec, options.hashKey(), risk), Encoders.row(Rows.OUTPUT))
                .persist(StorageLevel.MEMORY_AND_DISK());

        Row totals = out.agg(
                functions.count(functions.when(functions.col("reason").isNotNull(), 1)),
                functions.count(functions.when(functions.col("reason").isNull(), 1)),
                functions.coalesce(functions.sum("events"), functions.lit(0L))).first();
        long refused = totals.getLong(0);
        String refusal = null;
        if (refused > 0) {
            Row first = out.filter(functions.col("reason").isNotNull())
                    .orderBy(functions.when(functions.col("file").startsWith("subscribers"), 0).otherwise(1),
                            functions.col("offset"))
                    .first();
            refusal = Refusals.message(reader.fileSystem(), new org.apache.hadoop.fs.Path(options.dataset()), first.getString(5), first.getLong(6),
                    first.getLong(7), first.getString(8));
        }
        Dataset<Row> results = out.filter(functions.col("reason").isNull())
                .select("key", "masked", "value", "outcome", "events");
        return new Outcome(results, totals.getLong(1), totals.getLong(2), refused, refusal, List.copyOf(risk));
    }
}
