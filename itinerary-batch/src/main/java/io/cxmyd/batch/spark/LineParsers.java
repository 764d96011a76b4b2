package io.cxmyd.batch.spark;

import io.cxmyd.itinerary.source.local.DatasetLines;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Set;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * Lines of the dataset's files (byte offset, bytes) into input rows ({@link Rows#INPUT}), through the local
 * source's own line checks ({@link DatasetLines}): a row it refuses becomes a refusal row carrying its
 * offset, counted into a line number only when reported. Signaling rows outside the day's span are
 * dropped here, after their checks, before anything is shuffled.
 */
final class LineParsers {

    private LineParsers() {
    }

    /** signaling.csv's lines (the header, at offset 0, skipped). */
    static final class Signaling implements FlatMapFunction<Iterator<Tuple2<LongWritable, Text>>, Row> {
        private final String file;
        private final byte[] header;
        private final Broadcast<HashMap<String, Integer>> cells;
        private final long first;
        private final long end;

        Signaling(String file, byte[] header, Broadcast<HashMap<String, Integer>> cells, long first, long end) {
            this.file = file;
            this.header = header;
            this.cells = cells;
            this.first = first;
            this.end = end;
        }

        @Override
        public Iterator<Row> call(Iterator<Tuple2<LongWritable, Text>> lines) {
            DatasetLines parser = DatasetLines.signaling(header, cells.value());
            return new LazyIterator<>() {
                @Override
                protected Row computeNext() {
                    while (lines.hasNext()) {
                        Tuple2<LongWritable, Text> line = lines.next();
                        long offset = line._1().get();
                        if (offset == 0) {
                            continue;
                        }
                        Text text = line._2();
                        String refused = parser.signalingRow(text.getBytes(), text.getLength());
                        if (refused == null) {
                            long t = parser.epochSecond();
                            if (t >= first && t < end) {
                                return RowFactory.create(parser.number(), Rows.EVENT, t, parser.area(), offset, null);
                            }
                        } else if (!refused.equals(DatasetLines.EMPTY)) {
                            return refusal(file, offset, refused);
                        }
                    }
                    return null;
                }
            };
        }
    }

    /** subscribers.csv's lines (the header, at offset 0, skipped). */
    static final class Subscribers implements FlatMapFunction<Iterator<Tuple2<LongWritable, Text>>, Row> {
        private final String file;
        private final byte[] header;
        private final Set<String> carriers;

        Subscribers(String file, byte[] header, Set<String> carriers) {
            this.file = file;
            this.header = header;
            this.carriers = Set.copyOf(carriers);
        }

        @Override
        public Iterator<Row> call(Iterator<Tuple2<LongWritable, Text>> lines) {
            DatasetLines parser = DatasetLines.subscribers(header, carriers);
            return new LazyIterator<>() {
                @Override
                protected Row computeNext() {
                    while (lines.hasNext()) {
                        Tuple2<LongWritable, Text> line = lines.next();
                        long offset = line._1().get();
                        if (offset == 0) {
                            continue;
                        }
                        Text text = line._2();
                        String refused = parser.subscriberRow(text.getBytes(), text.getLength());
                        if (refused == null) {
                            return profileRow(parser, offset);
                        } else if (!refused.equals(DatasetLines.EMPTY)) {
                            return refusal(file, offset, refused);
                        }
                    }
                    return null;
                }
            };
        }
    }

    static Row profileRow(DatasetLines parser, long offset) {
        String idHash = parser.idHash() == null ? "" : parser.idHash();
        return RowFactory.create(parser.number(), Rows.PROFILE, Rows.packDays(parser.activatedOn(), parser.portedOn()),
                -1, offset, parser.carrier() + Rows.SEP + idHash);
    }

    /** Refusals sort before every subscriber (negative numbers) and spread over partitions by offset. */
    static Row refusal(String file, long offset, String reason) {
        return RowFactory.create(-1 - offset, Rows.REFUSED, 0L, -1, offset, file + Rows.SEP + reason);
    }
}
