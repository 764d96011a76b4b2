package io.cxmyd.itinerary.tools;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written subscribers of the demo dataset, one per kind of reply (docs/demo-data.md lists the
 * reply each one gets). Event days are relative to data day D: {@code -7} is the window's first day,
 * {@code -1} its last, {@code 0} D itself (after the window: such events only end a stay).
 */
final class Showcase {

    /**
     * A showcase subscriber.
     *
     * @param events {@code "day HH:MM cell"} triples, e.g. {@code "-7 08:00 C110105-1"}
     */
    record Entry(long number, String carrier, LocalDate activatedOn, LocalDate portedOn, List<String> events) {
    }

    private Showcase() {
    }

    static List<Entry> entries(LocalDate d) {
        List<Entry> list = new ArrayList<>();
        LocalDate old = LocalDate.of(2019, 3, 12);
        // A week through four cities (two Beijing districts are one 北京市) and a trip to Japan.
        list.add(new Entry(13800138000L, Population.MOBILE, old, null, List.of(
                "-8 20:00 C110105-1",
                "-7 08:00 C110105-1", "-7 10:00 C110108-1", "-7 13:00 C110108-2", "-7 18:00 C110108-1",
                "-7 21:30 C110105-1",
                "-6 07:30 C110105-1", "-6 11:00 C130102-1", "-6 13:00 C130102-2", "-6 16:30 C130102-1",
                "-6 22:00 C130102-1",
                "-5 07:30 C130102-1", "-5 14:00 C440106-1", "-5 17:00 C440106-2", "-5 20:30 C440106-1",
                "-4 09:00 C440106-1", "-4 12:30 C440106-2", "-4 19:00 C440106-1",
                "-3 10:00 C429004-1", "-3 12:00 C429004-2", "-3 15:00 C429004-1",
                "-2 16:00 CJP-1", "-2 21:00 CJP-2", "-1 10:00 CJP-1", "-1 18:30 CJP-1",
                "0 08:00 C110105-1")));
        // Activated three days before D: refused as a new account.
        list.add(new Entry(13800138001L, Population.MOBILE, d.minusDays(3), null, daily(-3, -1, "C310101-1",
                "C310101-2")));
        // Ported in the day before D: served, with the "may lag" note.
        list.add(new Entry(13800138002L, Population.MOBILE, LocalDate.of(2018, 6, 1), d.minusDays(1),
                daily(-7, -1, "C330106-1", "C330106-2")));
        // One train journey Beijing → Guangzhou: a stop in each city, none of them 4 hours.
        list.add(new Entry(13800138003L, Population.MOBILE, old, null, List.of(
                "-4 07:30 C110101-1", "-4 08:40 C130602-1", "-4 09:35 C130102-1", "-4 10:50 C130402-1",
                "-4 11:45 C410105-1", "-4 13:15 C420106-1", "-4 14:50 C430102-1", "-4 16:40 C440106-1")));
        // Events only before the window: no data.
        list.add(new Entry(13800138004L, Population.MOBILE, old, null, List.of(
                "-10 09:00 C110105-1", "-10 15:00 C110105-1")));
        // A border: 三河市 (廊坊) flaps to 通州 (北京) for ten minutes at a time; no 廊坊 run alone
        // reaches 4 hours, the bounce tolerance joins them into one of 6.5 hours, 北京 is not listed.
        list.add(new Entry(13800138005L, Population.MOBILE, old, null, List.of(
                "-3 08:00 C131082-1", "-3 09:30 C110112-1", "-3 09:40 C131082-1", "-3 11:00 C110112-2",
                "-3 11:10 C131082-2", "-3 12:40 C110112-1", "-3 12:50 C131082-1", "-3 14:20 C110112-1",
                "-3 14:30 C131082-1")));
        // A virtual-operator number on China Mobile: served, with the "not guaranteed" note.
        list.add(new Entry(17000000001L, Population.MOBILE, old, null, daily(-7, -1, "C510104-1", "C510104-2")));
        // A normal week in 深圳 with a day in 东莞 (a city without districts: its cell carries 441900).
        List<String> unicom = new ArrayList<>(daily(-7, -5, "C440305-1", "C440305-2"));
        unicom.addAll(List.of("-4 08:00 C440305-1", "-4 09:30 C441900-0", "-4 12:00 C441900-0",
                "-4 16:00 C441900-0", "-4 20:00 C440305-1"));
        unicom.addAll(daily(-3, -1, "C440305-1", "C440305-2"));
        list.add(new Entry(18600000000L, Population.UNICOM, LocalDate.of(2016, 9, 1), null, unicom));
        // A normal week in 上海 with two days in 香港.
        List<String> telecom = new ArrayList<>(daily(-7, -4, "C310115-1", "C310115-2"));
        telecom.addAll(List.of("-3 14:00 CHK-1", "-3 20:00 CHK-2", "-2 11:00 CHK-1"));
        telecom.addAll(daily(-2, -1, "C310115-1", "C310115-2").subList(2, 6)); // back on the evening of -2
        list.add(new Entry(18900000000L, Population.TELECOM, LocalDate.of(2020, 1, 15), null, telecom));
        return list;
    }

    /** Home at 08:00 and 21:00, work at 14:00 on each day of {@code [from, to]}. */
    private static List<String> daily(int from, int to, String home, String work) {
        List<String> events = new ArrayList<>();
        for (int day = from; day <= to; day++) {
            events.add(day + " 08:00 " + home);
            events.add(day + " 14:00 " + work);
            events.add(day + " 21:00 " + home);
        }
        return events;
    }
}
