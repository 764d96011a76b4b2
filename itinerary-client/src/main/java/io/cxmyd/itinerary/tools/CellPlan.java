package io.cxmyd.itinerary.tools;

import io.cxmyd.itinerary.Area;
import io.cxmyd.itinerary.areas.AreaCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The synthetic radio network: cells on the real GB/T 2260 counties of the shipped division list (two per
 * county, named {@code C<code>-<n>}), one cell per city carrying the city code itself (so that the
 * dataset shows both levels, and cities without counties such as 东莞市 441900 have cells), and three
 * cells per foreign network. Cities are drawn with a weight of their county count, a rough stand-in for
 * population.
 */
final class CellPlan {

    /** Foreign networks a traveller roams on, with the UTC offset their events carry. */
    static final String[] COUNTRIES = {"JP", "KR", "HK", "MO", "TH", "US", "SG", "GB", "DE", "FR", "AU", "TW"};
    private static final int[] COUNTRY_OFFSETS = {
        9 * 3600, 9 * 3600, 8 * 3600, 8 * 3600, 7 * 3600, -5 * 3600, 8 * 3600, 0, 3600, 3600, 11 * 3600, 8 * 3600
    };
    static final int BEIJING_OFFSET = 8 * 3600;

    final List<String> cellIds = new ArrayList<>();
    final List<String> cellCodes = new ArrayList<>();
    final List<Integer> cellOffsets = new ArrayList<>();
    /** Per domestic city: its cells (county cells first). */
    final List<int[]> cityCells = new ArrayList<>();
    final List<String> cityCodes = new ArrayList<>();
    private final int[] cityByWeight;
    /** Per country of {@link #COUNTRIES}: its cells. */
    final int[][] countryCells = new int[COUNTRIES.length][];
    /** The cell ids as UTF-8, written as is into signaling.csv. */
    final byte[][] idBytes;

    CellPlan(AreaCatalog catalog) {
        Map<Area, List<String>> counties = new LinkedHashMap<>();
        for (String code : readCountyCodes()) {
            catalog.resolve(code).ifPresent(a -> counties.computeIfAbsent(a, k -> new ArrayList<>()).add(code));
        }
        for (String city : readCityCodes()) {
            catalog.resolve(city).ifPresent(a -> counties.computeIfAbsent(a, k -> new ArrayList<>()));
        }
        List<Integer> weighted = new ArrayList<>();
        for (Map.Entry<Area, List<String>> e : counties.entrySet()) {
            List<Integer> cells = new ArrayList<>();
            for (String county : e.getValue()) {
                cells.add(add("C" + county + "-1", county, BEIJING_OFFSET));
                cells.add(add("C" + county + "-2", county, BEIJING_OFFSET));
            }
            String cityCode = e.getKey().code();
            cells.add(add("C" + cityCode + "-0", cityCode, BEIJING_OFFSET));
            int city = cityCells.size();
            cityCells.add(cells.stream().mapToInt(Integer::intValue).toArray());
            cityCodes.add(cityCode);
            for (int w = 0; w < Math.max(1, e.getValue().size()); w++) {
                weighted.add(city);
            }
        }
        cityByWeight = weighted.stream().mapToInt(Integer::intValue).toArray();
        for (int c = 0; c < COUNTRIES.length; c++) {
            countryCells[c] = new int[3];
            for (int k = 0; k < 3; k++) {
                countryCells[c][k] = add("C" + COUNTRIES[c] + "-" + (k + 1), COUNTRIES[c], COUNTRY_OFFSETS[c]);
            }
        }
        idBytes = cellIds.stream().map(id -> id.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    private int add(String id, String code, int offset) {
        cellIds.add(id);
        cellCodes.add(code);
        cellOffsets.add(offset);
        return cellIds.size() - 1;
    }

    int cities() {
        return cityCells.size();
    }

    int randomCity(SplittableRandom r) {
        return cityByWeight[r.nextInt(cityByWeight.length)];
    }

    /** Another city of the same province when there is one: a neighbour across a border, roughly. */
    int neighbourOf(int city, SplittableRandom r) {
        String province = cityCodes.get(city).substring(0, 2);
        List<Integer> same = new ArrayList<>();
        for (int c = 0; c < cityCodes.size(); c++) {
            if (c != city && cityCodes.get(c).startsWith(province)) {
                same.add(c);
            }
        }
        return same.isEmpty() ? (city + 1) % cities() : same.get(r.nextInt(same.size()));
    }

    /** A cell of the city, with a bias to its first (busiest) counties. */
    int cellIn(int city, SplittableRandom r) {
        int[] cells = cityCells.get(city);
        return cells[Math.min(r.nextInt(cells.length), r.nextInt(cells.length))];
    }

    int cellByName(String id) {
        int i = cellIds.indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("no such cell in the plan: " + id);
        }
        return i;
    }

    private static List<String> readCountyCodes() {
        return readFirstColumn("areas.csv");
    }

    private static List<String> readCityCodes() {
        return readFirstColumn("cities.csv").stream().map(c -> c + "00").toList();
    }

    private static List<String> readFirstColumn(String name) {
        String path = "/io/cxmyd/itinerary/areas/" + name;
        try (InputStream in = CellPlan.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("division list missing from the classpath: " + path);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> codes = new ArrayList<>();
            reader.readLine();
            for (String line; (line = reader.readLine()) != null; ) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    codes.add(line.substring(0, comma).strip());
                }
            }
            return codes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
