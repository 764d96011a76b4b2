package io.cxmyd.batch.spark;

import io.cxmyd.itinerary.source.local.DatasetLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The dataset's two large files as input rows: {@code signaling.parquet} / {@code subscribers.parquet}
 * (a file or a folder of them) when present, else the CSV files. Only signaling rows of the day's span
 * go on (a Parquet {@code time} stored as a timestamp is filtered at the read, by Parquet's statistics).
 */
final class InputReader {

    private final SparkSession spark;
    private final JavaSparkContext jsc;
    private final Configuration hadoop;
    private final Path dir;
    private final FileSystem fs;

    InputReader(SparkSession spark, String dataset) {
        this.spark = spark;
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.hadoop = spark.sparkContext().hadoopConfiguration();
        this.dir = new Path(dataset);
        try {
            this.fs = dir.getFileSystem(hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FileSystem fileSystem() {
        return fs;
    }

    Path path(String name) {
        return new Path(dir, name);
    }

    boolean exists(String name) {
        try {
            return fs.exists(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A local folder holding the dataset's small files (cells.csv, risk-areas.csv), read by the local
     * source's own loaders on the driver: the dataset itself when it is local, else a copy of those two.
     */
    java.nio.file.Path smallFiles() throws IOException {
        if (fs instanceof LocalFileSystem || "file".equals(fs.getUri().getScheme())) {
            return java.nio.file.Path.of(fs.makeQualified(dir).toUri());
        }
        java.nio.file.Path tmp = Files.createTempDirectory("cxmyd-batch-");
        for (String name : new String[] {DatasetLines.CELLS, "risk-areas.csv"}) {
            if (exists(name)) {
                fs.copyToLocalFile(path(name), new Path(tmp.resolve(name).toUri()));
            }
        }
        return tmp;
    }

    Dataset<Row> subscribers(Set<String> carriers) throws IOException {
        String parquet = "subscribers.parquet";
        JavaRDD<Row> rows;
        if (exists(parquet)) {
            Dataset<Row> p = spark.read().parquet(path(parquet).toString());
            Column hash = java.util.Arrays.asList(p.columns()).contains("id_last4_hash")
                    ? functions.col("id_last4_hash").cast("string") : functions.lit(null).cast("string");
            rows = p.select(functions.col("msisdn").cast("string"), functions.col("carrier").cast("string"),
                            functions.col("activated_on").cast("string"), functions.col("ported_on").cast("string"),
                            hash, functions.monotonically_increasing_id())
                    .javaRDD().mapPartitions(new ParquetParsers.Subscribers(parquet, carriers));
        } else {
            String file = DatasetLines.SUBSCRIBERS;
            byte[] header = firstLine(file);
            DatasetLines.subscribers(header, carriers); // a bad header is refused here, on the driver
            rows = lines(file).mapPartitions(new LineParsers.Subscribers(file, header, carriers));
        }
        return spark.createDataFrame(rows, Rows.INPUT);
    }

    Dataset<Row> signaling(Broadcast<HashMap<String, Integer>> cells, long first, long end) throws IOException {
        String parquet = "signaling.parquet";
        JavaRDD<Row> rows;
        if (exists(parquet)) {
            Dataset<Row> p = spark.read().parquet(path(parquet).toString());
            Column time;
            if (p.schema().apply("time").dataType().equals(DataTypes.TimestampType)) {
                // Pushed down to Parquet: row groups wholly outside the span are not even read.
                p = p.filter(functions.col("time").geq(functions.lit(Timestamp.from(Instant.ofEpochSecond(first))))
                        .and(functions.col("time").lt(functions.lit(Timestamp.from(Instant.ofEpochSecond(end))))));
                time = functions.date_format(functions.col("time"), "yyyy-MM-dd'T'HH:mm:ssXXX");
            } else {
                time = functions.col("time").cast("string");
            }
            rows = p.select(functions.col("msisdn").cast("string"), time, functions.col("cell_id").cast("string"),
                            functions.monotonically_increasing_id())
                    .javaRDD().mapPartitions(new ParquetParsers.Signaling(parquet, cells, first, end));
        } else {
            String file = DatasetLines.SIGNALING;
            byte[] header = firstLine(file);
            DatasetLines.signaling(header, Map.of()); // a bad header is refused here, on the driver
            rows = lines(file).mapPartitions(new LineParsers.Signaling(file, header, cells, first, end));
        }
        return spark.createDataFrame(rows, Rows.INPUT);
    }

    private JavaRDD<scala.Tuple2<LongWritable, Text>> lines(String file) {
        return jsc.newAPIHadoopFile(path(file).toString(), TextInputFormat.class, LongWritable.class, Text.class,
                hadoop).rdd().toJavaRDD();
    }

    /** The file's first line (its header), refused as the local source refuses a missing file. */
    byte[] firstLine(String file) throws IOException {
        if (!exists(file)) {
            throw io.cxmyd.itinerary.source.local.DatasetException.at(file, 0,
                    "missing (expected at " + path(file) + ")");
        }
        try (InputStream in = fs.open(path(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
                if (line.size() > 1 << 20) {
                    break;
                }
            }
            return line.toByteArray();
        }
    }
}
