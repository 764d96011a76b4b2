package io.cxmyd.itinerary.source.local;

import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code cells.csv}: cell id → display area id, resolved once at load so that no event holds a cell id or
 * a code. Keyed by the cell id's raw bytes, so that a signaling row's cell is looked up straight from the
 * read buffer without making a String.
 */
final class CellTable {

    static final String FILE = "cells.csv";

    private byte[] pool = new byte[1 << 12];
    private int poolSize;
    private int[] offsets = new int[64];
    private char[] areas = new char[64];
    private int[] lines = new int[64];
    private int count;
    private int[] table = new int[128]; // cell index + 1; 0 = free
    private int mask = 127;

    private CellTable() {
    }

    static CellTable load(Path dir, AreaCatalog catalog) {
        CellTable cells = new CellTable();
        try (CsvCursor csv = CsvCursor.open(dir.resolve(FILE))) {
            var header = csv.header("cell_id", "area");
            int idCol = header.indexOf("cell_id");
            int areaCol = header.indexOf("area");
            while (csv.next()) {
                if (csv.fieldCount() != header.size()) {
                    throw csv.error("expected " + header.size() + " fields, found " + csv.fieldCount());
                }
                if (csv.length(idCol) == 0) {
                    throw csv.error("cell_id: empty");
                }
                String code = csv.text(areaCol);
                Optional<Area> area = catalog.resolve(code);
                if (area.isEmpty()) {
                    throw csv.error("area: unknown area code \"" + code + "\"" + hint(code));
                }
                int first = cells.add(csv.buffer(), csv.start(idCol), csv.end(idCol), area.get().id(), csv.line());
                if (first > 0) {
                    throw csv.error("duplicate cell_id \"" + csv.text(idCol) + "\" (first on line " + first + ")");
                }
            }
        }
        cells.lines = null; // only needed to report duplicates
        return cells;
    }

    private static String hint(String code) {
        if (code.length() == 6 && code.endsWith("0000")) {
            return " (a province names no city: use a city or county code)";
        }
        if (code.equalsIgnoreCase("CN")) {
            return " (a domestic cell carries its GB/T 2260 code)";
        }
        return "";
    }

    /** Adds a cell; returns 0, or the line of the earlier row with the same id. */
    private int add(byte[] b, int from, int to, int areaId, long line) {
        int found = find(b, from, to);
        if (found >= 0) {
            return lines[found];
        }
        if (areaId > Character.MAX_VALUE) {
            throw new IllegalStateException("area ids beyond 65535 do not fit the event store: " + areaId);
        }
        int len = to - from;
        if (poolSize + len > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        }
        if (count + 1 >= offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
            areas = Arrays.copyOf(areas, areas.length * 2);
            lines = Arrays.copyOf(lines, lines.length * 2);
        }
        System.arraycopy(b, from, pool, poolSize, len);
        offsets[count] = poolSize;
        poolSize += len;
        offsets[count + 1] = poolSize;
        areas[count] = (char) areaId;
        lines[count] = (int) line;
        count++;
        if (count * 2 > table.length) {
            rehash(table.length * 2);
        } else {
            insert(count - 1);
        }
        return 0;
    }

    /** The display area id of the cell named by these bytes, or -1 when the cell is not listed. */
    int areaOf(byte[] b, int from, int to) {
        int i = find(b, from, to);
        return i < 0 ? -1 : areas[i];
    }

    int size() {
        return count;
    }

    private int find(byte[] b, int from, int to) {
        int slot = hash(b, from, to) & mask;
        int entry;
        while ((entry = table[slot]) != 0) {
            int i = entry - 1;
            if (Arrays.equals(pool, offsets[i], offsets[i + 1], b, from, to)) {
                return i;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private void insert(int i) {
        int slot = hash(pool, offsets[i], offsets[i + 1]) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = i + 1;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < count; i++) {
            insert(i);
        }
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0x811c9dc5; // FNV-1a, then spread: ids often differ only in their last digits
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
