package io.cxmyd.itinerary.source.local;

import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local dataset's parsing, a line at a time, for readers that split the files across machines (the
 * Spark job, docs/batch.md): the same splitting ({@link CsvCursor}), the same checks and the same refusal
 * texts as the local source's loaders, so that a malformed row is refused alike by both. A line's number is
 * the caller's to supply (the job knows a line's byte offset and counts lines only to report a refusal).
 *
 * <p>Not thread-safe: one instance per reading thread.
 */
public final class DatasetLines {

    public static final String SIGNALING = SignalingLoader.FILE;
    public static final String SUBSCRIBERS = SubscriberTable.FILE;
    public static final String CELLS = CellTable.FILE;

    private final CsvCursor csv;
    private final int fields;
    private final int[] columns;
    private final Map<String, Integer> cells;
    private final Set<String> carriers;

    // The last row read, valid until the next call.
    private long number;
    private long epochSecond;
    private int area;
    private String carrier;
    private int activatedOn;
    private int portedOn;
    private String idHash;

    private DatasetLines(String file, List<String> header, String[] required, Map<String, Integer> cells,
            Set<String> carriers) {
        this.csv = CsvCursor.forLines(file);
        this.fields = header.size();
        this.columns = new int[required.length + 1];
        for (int i = 0; i < required.length; i++) {
            columns[i] = header.indexOf(required[i]);
        }
        columns[required.length] = header.indexOf(SubscriberTable.ID_HASH);
        this.cells = cells;
        this.carriers = carriers;
    }

    /**
     * A reader of signaling.csv's rows after {@code headerLine} (the file's first line, as read); cells
     * maps a cell id to its display area id ({@link #cellAreas}).
     *
     * @throws DatasetException when the header lacks a column
     */
    public static DatasetLines signaling(byte[] headerLine, Map<String, Integer> cells) {
        String[] required = {"msisdn", "time", "cell_id"};
        return new DatasetLines(SIGNALING, header(SIGNALING, headerLine, required), required, cells, Set.of());
    }

    /** A reader of subscribers.csv's rows; {@code carriers} empty accepts any well-formed carrier id. */
    public static DatasetLines subscribers(byte[] headerLine, Set<String> carriers) {
        String[] required = {"msisdn", "carrier", "activated_on", "ported_on"};
        return new DatasetLines(SUBSCRIBERS, header(SUBSCRIBERS, headerLine, required), required, Map.of(),
                Set.copyOf(carriers));
    }

    private static List<String> header(String file, byte[] line, String[] required) {
        try (CsvCursor c = CsvCursor.of(file, line)) {
            return c.header(required);
        }
    }

    /** Reads cells.csv in {@code dir} (every check of the local source): each cell id's display area id. */
    public static Map<String, Integer> cellAreas(Path dir, AreaCatalog catalog) {
        CellTable.load(dir, catalog); // refuses a malformed file as the local source does
        Map<String, Integer> areas = new HashMap<>();
        try (CsvCursor c = CsvCursor.open(dir.resolve(CELLS))) {
            List<String> header = c.header("cell_id", "area");
            int id = header.indexOf("cell_id");
            int code = header.indexOf("area");
            while (c.next()) {
                areas.put(c.text(id), catalog.resolve(c.text(code)).orElseThrow().id());
            }
        }
        return areas;
    }

    /** The display area ids of risk-areas.csv in {@code dir}; empty when the file is absent. */
    public static Set<Integer> riskAreas(Path dir, AreaCatalog catalog) {
        return RiskAreas.load(dir, catalog);
    }

    /**
     * Reads a signaling row; null when taken (see {@link #number()}, {@link #epochSecond()},
     * {@link #area()}), else why it is refused. {@code bytes} may be rewritten.
     */
    public String signalingRow(byte[] bytes, int length) {
        try {
            if (!csv.line(bytes, length, 0)) {
                return EMPTY;
            }
            if (csv.fieldCount() != fields) {
                return "expected " + fields + " fields, found " + csv.fieldCount();
            }
            byte[] b = csv.buffer();
            int m = columns[0];
            number = MsisdnIndex.key(b, csv.start(m), csv.end(m));
            if (number < 0) {
                return "msisdn: not an 11-digit mainland mobile number \"" + Msisdn.mask(csv.text(m)) + "\"";
            }
            int t = columns[1];
            epochSecond = IsoTime.parse(b, csv.start(t), csv.end(t));
            if (epochSecond == IsoTime.INVALID) {
                return "time: not an ISO-8601 date-time with offset \"" + csv.text(t) + "\"";
            }
            String cell = csv.text(columns[2]);
            Integer a = cells.get(cell);
            if (a == null) {
                return "unknown cell_id \"" + cell + "\"";
            }
            area = a;
            return null;
        } catch (DatasetException e) {
            return e.reason();
        }
    }

    /** Reads a subscribers row; null when taken, else why it is refused. */
    public String subscriberRow(byte[] bytes, int length) {
        try {
            if (!csv.line(bytes, length, 0)) {
                return EMPTY;
            }
            if (csv.fieldCount() != fields) {
                return "expected " + fields + " fields, found " + csv.fieldCount();
            }
            int m = columns[0];
            number = MsisdnIndex.key(csv.buffer(), csv.start(m), csv.end(m));
            if (number < 0) {
                return "msisdn: not an 11-digit mainland mobile number \"" + Msisdn.mask(csv.text(m)) + "\"";
            }
            carrier = SubscriberTable.carrierId(csv, csv.text(columns[1]), carriers);
            activatedOn = SubscriberTable.date(csv, "activated_on", csv.text(columns[2]), false);
            portedOn = SubscriberTable.date(csv, "ported_on", csv.text(columns[3]), true);
            int h = columns[4];
            idHash = h < 0 ? null : csv.text(h).strip();
            if (idHash != null && idHash.isEmpty()) {
                idHash = null;
            }
            return null;
        } catch (DatasetException e) {
            return e.reason();
        }
    }

    /** Returned for an empty line: not a row, not an error (as in the local source). */
    public static final String EMPTY = "";

    /** The number's digits as a long (11 digits, leading 1). */
    public long number() {
        return number;
    }

    public long epochSecond() {
        return epochSecond;
    }

    public int area() {
        return area;
    }

    public String carrier() {
        return carrier;
    }

    /** Epoch day of activated_on. */
    public int activatedOn() {
        return activatedOn;
    }

    /** Epoch day of ported_on, or {@link Integer#MIN_VALUE} when empty. */
    public int portedOn() {
        return portedOn;
    }

    /** id_last4_hash, or null. */
    public String idHash() {
        return idHash;
    }

    /** The masked form of a number read as {@link #number()}: for refusals that name it. */
    public static String masked(long number) {
        return Msisdn.mask(String.format("%011d", number));
    }
}
