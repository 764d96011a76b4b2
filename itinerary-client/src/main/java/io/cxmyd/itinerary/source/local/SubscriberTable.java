package io.cxmyd.itinerary.source.local;

import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.source.SubscriberProfile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code subscribers.csv} in columns rather than one object per subscriber: carrier as a small index,
 * dates as epoch days. Profiles are made on demand in {@link #profile(int)}.
 */
final class SubscriberTable {

    static final String FILE = "subscribers.csv";
    static final String ID_HASH = "id_last4_hash";
    static final int NO_DATE = Integer.MIN_VALUE;
    private static final Pattern CARRIER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final MsisdnIndex index;
    private final List<String> carriers;
    private final byte[] carrierOf;
    private final int[] activatedOn;
    private final int[] portedOn;
    private final String[] idHashes; // null when the file has no such column

    private SubscriberTable(MsisdnIndex index, List<String> carriers, byte[] carrierOf, int[] activatedOn,
            int[] portedOn, String[] idHashes) {
        this.index = index;
        this.carriers = carriers;
        this.carrierOf = carrierOf;
        this.activatedOn = activatedOn;
        this.portedOn = portedOn;
        this.idHashes = idHashes;
    }

    /**
     * Reads the file; {@code knownCarriers} empty accepts any well-formed carrier id, else only those.
     */
    static SubscriberTable load(Path dir, Set<String> knownCarriers) {
        MsisdnIndex index = new MsisdnIndex(1024);
        List<String> carriers = new ArrayList<>();
        byte[] carrierOf = new byte[1024];
        int[] activated = new int[1024];
        int[] ported = new int[1024];
        int[] lines = new int[1024];
        String[] hashes = null;
        int n = 0;
        try (CsvCursor csv = CsvCursor.open(dir.resolve(FILE))) {
            List<String> header = csv.header("msisdn", "carrier", "activated_on", "ported_on");
            int msisdnCol = header.indexOf("msisdn");
            int carrierCol = header.indexOf("carrier");
            int activatedCol = header.indexOf("activated_on");
            int portedCol = header.indexOf("ported_on");
            int hashCol = header.indexOf(ID_HASH);
            if (hashCol >= 0) {
                hashes = new String[1024];
            }
            while (csv.next()) {
                if (csv.fieldCount() != header.size()) {
                    throw csv.error("expected " + header.size() + " fields, found " + csv.fieldCount());
                }
                long key = MsisdnIndex.key(csv.buffer(), csv.start(msisdnCol), csv.end(msisdnCol));
                if (key < 0) {
                    throw csv.error("msisdn: not an 11-digit mainland mobile number \""
                            + Msisdn.mask(csv.text(msisdnCol)) + "\"");
                }
                if (n == carrierOf.length) {
                    int size = n + (n >> 1);
                    carrierOf = Arrays.copyOf(carrierOf, size);
                    activated = Arrays.copyOf(activated, size);
                    ported = Arrays.copyOf(ported, size);
                    lines = Arrays.copyOf(lines, size);
                    hashes = hashes == null ? null : Arrays.copyOf(hashes, size);
                }
                int earlier = index.putIfAbsent(key, n);
                if (earlier >= 0) {
                    throw csv.error("duplicate msisdn " + Msisdn.mask(csv.text(msisdnCol)) + " (first on line "
                            + lines[earlier] + ")");
                }
                carrierOf[n] = carrierIndex(csv, csv.text(carrierCol), carriers, knownCarriers);
                activated[n] = date(csv, "activated_on", csv.text(activatedCol), false);
                ported[n] = date(csv, "ported_on", csv.text(portedCol), true);
                if (hashes != null) {
                    String h = csv.text(hashCol).strip();
                    hashes[n] = h.isEmpty() ? null : h;
                }
                lines[n] = (int) csv.line();
                n++;
            }
        }
        return new SubscriberTable(index, List.copyOf(carriers), Arrays.copyOf(carrierOf, n),
                Arrays.copyOf(activated, n), Arrays.copyOf(ported, n),
                hashes == null ? null : Arrays.copyOf(hashes, n));
    }

    private static byte carrierIndex(CsvCursor csv, String text, List<String> carriers, Set<String> known) {
        String id = carrierId(csv, text, known);
        int i = carriers.indexOf(id);
        if (i < 0) {
            if (carriers.size() == Byte.MAX_VALUE) {
                throw csv.error("carrier: more than " + Byte.MAX_VALUE + " distinct carriers");
            }
            carriers.add(id);
            i = carriers.size() - 1;
        }
        return (byte) i;
    }

    /** The row's carrier id, checked: also used row by row by {@link DatasetLines} (the Spark job). */
    static String carrierId(CsvCursor csv, String text, Set<String> known) {
        String id = text.strip();
        if (id.isEmpty()) {
            throw csv.error("carrier: empty");
        }
        if (!CARRIER_ID.matcher(id).matches()) {
            throw csv.error("carrier: not a carrier id \"" + id + "\" (lower-case letters, digits and -)");
        }
        if (!known.isEmpty() && !known.contains(id)) {
            throw csv.error("carrier: unknown carrier \"" + id + "\" (known: " + sorted(known) + ")");
        }
        return id;
    }

    private static String sorted(Set<String> known) {
        return String.join(", ", known.stream().sorted().toList());
    }

    static int date(CsvCursor csv, String column, String text, boolean optional) {
        String s = text.strip();
        if (s.isEmpty()) {
            if (optional) {
                return NO_DATE;
            }
            throw csv.error(column + ": empty");
        }
        try {
            return (int) LocalDate.parse(s).toEpochDay();
        } catch (DateTimeParseException e) {
            throw csv.error(column + ": not an ISO date \"" + s + "\"");
        }
    }

    /** The row of {@code key} ({@link MsisdnIndex#key}), or -1 for a number the file does not list. */
    int indexOf(long key) {
        return key < 0 ? -1 : index.get(key);
    }

    int size() {
        return carrierOf.length;
    }

    SubscriberProfile profile(int row) {
        int ported = portedOn[row];
        return new SubscriberProfile(
                carriers.get(carrierOf[row]),
                LocalDate.ofEpochDay(activatedOn[row]),
                ported == NO_DATE ? null : LocalDate.ofEpochDay(ported),
                idHashes == null ? null : idHashes[row]);
    }

    long heapBytes() {
        long bytes = index.heapBytes() + carrierOf.length + activatedOn.length * 4L + portedOn.length * 4L;
        if (idHashes != null) {
            bytes += idHashes.length * 4L; // references only; the strings themselves are not counted
        }
        return bytes;
    }
}
