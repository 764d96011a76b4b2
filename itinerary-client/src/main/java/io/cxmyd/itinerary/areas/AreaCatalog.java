package io.cxmyd.itinerary.areas;

import io.cxmyd.itinerary.Area;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps any area code a cell carries to the place the reply shows (itinerary-rules.md §2.1 and §4):
 *
 * <ul>
 *   <li>a district or county (440106) or a city code (440100) → its prefecture-level city, shown with its
 *       province: 广东省广州市;
 *   <li>any code of the four municipalities (11, 12, 31, 50) → the municipality alone: 北京市;
 *   <li>a county-level unit directly under a province (xx90xx, e.g. 429004) → itself, with its province:
 *       湖北省仙桃市;
 *   <li>an ISO 3166-1 alpha-2 code → the country or region by its Chinese name; HK, MO, TW are regions of
 *       China: 中国香港, 中国澳门, 中国台湾.
 * </ul>
 *
 * Names come from the official division list shipped as data (see NOTICE.md beside the CSV files) and
 * from the JDK's locale data, never typed by hand per city. Immutable and thread-safe.
 */
public final class AreaCatalog {

    private static final Set<String> MUNICIPALITIES = Set.of("11", "12", "31", "50");
    private static final Map<String, String> REGIONS = Map.of("HK", "中国香港", "MO", "中国澳门", "TW", "中国台湾");

    private final List<Area> byId;
    private final Map<String, Area> byDisplayCode;
    private final Set<String> countyCodes;

    private AreaCatalog(List<Area> byId, Map<String, Area> byDisplayCode, Set<String> countyCodes) {
        this.byId = List.copyOf(byId);
        this.byDisplayCode = Map.copyOf(byDisplayCode);
        this.countyCodes = Set.copyOf(countyCodes);
    }

    private static final class Holder {
        static final AreaCatalog DEFAULT = load();
    }

    /** The catalog built from the shipped division list; loaded once. */
    public static AreaCatalog standard() {
        return Holder.DEFAULT;
    }

    private static AreaCatalog load() {
        Map<String, String> provinces = readCsv("provinces.csv", 2);
        Map<String, String> cities = readCsv("cities.csv", 2);
        Map<String, String> counties = readCsv("areas.csv", 2);
        return build(provinces, cities, counties);
    }

    /**
     * Builds a catalog from division tables: province code (2 digits) → name, city code (4 digits) → name,
     * county code (6 digits) → name.
     */
    public static AreaCatalog build(
            Map<String, String> provinces, Map<String, String> cities, Map<String, String> counties) {
        List<Area> list = new ArrayList<>();
        Map<String, Area> display = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : provinces.entrySet()) {
            if (MUNICIPALITIES.contains(p.getKey())) {
                add(list, display, p.getKey() + "0000", p.getValue(), false);
            }
        }
        for (Map.Entry<String, String> c : cities.entrySet()) {
            String city = c.getKey();
            String province = city.substring(0, 2);
            if (MUNICIPALITIES.contains(province) || isDirectlyUnderProvince(city)) {
                continue;
            }
            String provinceName = provinces.get(province);
            if (provinceName != null) {
                add(list, display, city + "00", provinceName + c.getValue(), false);
            }
        }
        for (Map.Entry<String, String> a : counties.entrySet()) {
            String code = a.getKey();
            String province = code.substring(0, 2);
            if (isDirectlyUnderProvince(code.substring(0, 4)) && provinces.containsKey(province)) {
                add(list, display, code, provinces.get(province) + a.getValue(), false);
            }
        }
        for (String iso : Locale.getISOCountries()) {
            if (!iso.equals("CN")) {
                add(list, display, iso, countryName(iso), true);
            }
        }
        return new AreaCatalog(list, display, counties.keySet());
    }

    private static void add(List<Area> list, Map<String, Area> display, String code, String name, boolean foreign) {
        Area area = new Area(list.size(), code, name, foreign);
        list.add(area);
        display.put(code, area);
    }

    /** xx90: "省直辖县级行政区划", county-level units that answer to the province directly. */
    private static boolean isDirectlyUnderProvince(String city4) {
        return city4.endsWith("90");
    }

    private static String countryName(String iso) {
        String region = REGIONS.get(iso);
        if (region != null) {
            return region;
        }
        String name = new Locale("", iso).getDisplayCountry(Locale.SIMPLIFIED_CHINESE);
        return name.isEmpty() ? iso : name;
    }

    /**
     * The display area of a cell's code, or empty when the code is not a known division (nor a foreign
     * ISO code). A county code missing from the list (a newer edition) still maps when its city is known.
     */
    public Optional<Area> resolve(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip();
        if (c.length() == 2) {
            return Optional.ofNullable(byDisplayCode.get(c.toUpperCase(Locale.ROOT))).filter(Area::foreign);
        }
        if (c.length() != 6 || !c.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return Optional.empty();
        }
        String province = c.substring(0, 2);
        if (MUNICIPALITIES.contains(province)) {
            return Optional.ofNullable(byDisplayCode.get(province + "0000"));
        }
        String city4 = c.substring(0, 4);
        if (isDirectlyUnderProvince(city4)) {
            return Optional.ofNullable(byDisplayCode.get(c));
        }
        if (c.endsWith("0000")) {
            return Optional.empty(); // a province is not a city: the reply could not name one
        }
        return Optional.ofNullable(byDisplayCode.get(city4 + "00"));
    }

    /** Whether {@code code} is a county-level code of the shipped list (for dataset checks). */
    public boolean isListedCounty(String code) {
        return countyCodes.contains(code);
    }

    public Area byId(int id) {
        return byId.get(id);
    }

    public int size() {
        return byId.size();
    }

    private static Map<String, String> readCsv(String name, int nameColumn) {
        String path = "/io/cxmyd/itinerary/areas/" + name;
        try (InputStream in = AreaCatalog.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("division list missing from the classpath: " + path);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> rows = new HashMap<>();
            String line = reader.readLine(); // header
            int lineNo = 1;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split(",", -1);
                if (cols.length < nameColumn) {
                    throw new IllegalStateException(path + ":" + lineNo + ": expected code,name");
                }
                rows.put(cols[0].strip(), unquote(cols[1].strip()));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
