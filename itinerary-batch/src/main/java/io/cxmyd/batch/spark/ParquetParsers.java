package io.cxmyd.batch.spark;

import io.cxmyd.itinerary.source.local.DatasetLines;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * Parquet rows with the CSV files' columns (as text, a row id last) into input rows, through the same line
 * checks as the CSV: each row is written as the CSV line it stands for, so both formats are refused alike.
 */
final class ParquetParsers {

    static final byte[] SIGNALING_HEADER = "msisdn,time,cell_id".getBytes(StandardCharsets.UTF_8);
    static final byte[] SUBSCRIBERS_HEADER =
            "msisdn,carrier,activated_on,ported_on,id_last4_hash".getBytes(StandardCharsets.UTF_8);

    private ParquetParsers() {
    }

    static final class Signaling implements FlatMapFunction<Iterator<Row>, Row> {
        private final String file;
        private final Broadcast<HashMap<String, Integer>> cells;
        private final long first;
        private final long end;

        Signaling(String file, Broadcast<HashMap<String, Integer>> cells, long first, long end) {
            this.file = file;
            this.cells = cells;
            this.first = first;
            this.end = end;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            DatasetLines parser = DatasetLines.signaling(SIGNALING_HEADER, cells.value());
            return new LazyIterator<>() {
                @Override
                protected Row computeNext() {
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        long id = r.getLong(3);
                        byte[] line = line(r, 3);
                        String refused = parser.signalingRow(line, line.length);
                        if (refused == null) {
                            long t = parser.epochSecond();
                            if (t >= first && t < end) {
                                return org.apache.spark.sql.RowFactory.create(parser.number(), Rows.EVENT, t,
                                        parser.area(), id, null);
                            }
                        } else {
                            return LineParsers.refusal(file, id, refused.isEmpty() ? "empty row" : refused);
                        }
                    }
                    return null;
                }
            };
        }
    }

    static final class Subscribers implements FlatMapFunction<Iterator<Row>, Row> {
        private final String file;
        private final Set<String> carriers;

        Subscribers(String file, Set<String> carriers) {
            this.file = file;
            this.carriers = Set.copyOf(carriers);
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            DatasetLines parser = DatasetLines.subscribers(SUBSCRIBERS_HEADER, carriers);
            return new LazyIterator<>() {
                @Override
                protected Row computeNext() {
                    if (!rows.hasNext()) {
                        return null;
                    }
                    Row r = rows.next();
                    long id = r.getLong(5);
                    byte[] line = line(r, 5);
                    String refused = parser.subscriberRow(line, line.length);
                    if (refused == null) {
                        return LineParsers.profileRow(parser, id);
                    }
                    return LineParsers.refusal(file, id, refused.isEmpty() ? "empty row" : refused);
                }
            };
        }
    }

    /** The first {@code fields} columns as one CSV line, every field quoted (a null is empty). */
    static byte[] line(Row r, int fields) {
        StringBuilder b = new StringBuilder(64);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = r.get(i);
            b.append('"').append(v == null ? "" : v.toString().replace("\"", "\"\"")).append('"');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
