package io.cxmyd.itinerary.source.local;

import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The optional {@code risk-areas.csv}: one area code a row, mapped to display area ids. */
final class RiskAreas {

    static final String FILE = "risk-areas.csv";

    private RiskAreas() {
    }

    /** The display area ids listed, or an empty set when the file is absent (risk marking off). */
    static Set<Integer> load(Path dir, AreaCatalog catalog) {
        Path path = dir.resolve(FILE);
        if (!Files.exists(path)) {
            return Set.of();
        }
        Set<Integer> ids = new LinkedHashSet<>();
        try (CsvCursor csv = CsvCursor.open(path)) {
            List<String> header = csv.header("area");
            int col = header.indexOf("area");
            while (csv.next()) {
                if (csv.fieldCount() != header.size()) {
                    throw csv.error("expected " + header.size() + " fields, found " + csv.fieldCount());
                }
                String code = csv.text(col);
                Optional<Area> area = catalog.resolve(code);
                if (area.isEmpty()) {
                    throw csv.error("area: unknown area code \"" + code + "\"");
                }
                ids.add(area.get().id());
            }
        }
        return Set.copyOf(ids);
    }
}
