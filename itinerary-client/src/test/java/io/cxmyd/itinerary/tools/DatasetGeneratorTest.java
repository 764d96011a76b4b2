package io.cxmyd.itinerary.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.itinerary.IdLast4Hash;
import io.cxmyd.itinerary.Msisdn;
import io.cxmyd.itinerary.areas.AreaCatalog;
import io.cxmyd.itinerary.rules.DataDay;
import io.cxmyd.itinerary.rules.RulesOptions;
import io.cxmyd.itinerary.source.local.LocalDatasetSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {

    private static final List<String> FILES = List.of("cells.csv", "subscribers.csv", "signaling.csv");

    @TempDir
    Path dir;

    private GeneratorOptions options(String sub, long seed) {
        return new GeneratorOptions(dir.resolve(sub), 500, 7, LocalDate.of(2026, 11, 21), seed, true);
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        DatasetGenerator.generate(options("a", 42));
        DatasetGenerator.generate(options("b", 42));
        DatasetGenerator.generate(options("c", 43));
        for (String file : FILES) {
            assertThat(Files.mismatch(dir.resolve("a").resolve(file), dir.resolve("b").resolve(file)))
                    .as(file).isEqualTo(-1L);
        }
        assertThat(Files.mismatch(dir.resolve("a/signaling.csv"), dir.resolve("c/signaling.csv"))).isNotEqualTo(-1L);
    }

    @Test
    void itsOutputLoadsWithAboutFiftyEventsPerSubscriberAWeek() throws IOException {
        DatasetGenerator.Summary summary = DatasetGenerator.generate(options("a", 7));
        try (LocalDatasetSource source = LocalDatasetSource.load(dir.resolve("a"), AreaCatalog.standard(),
                Set.of("china-mobile", "china-unicom", "china-telecom"))) {
            assertThat(source.stats().subscribers()).isEqualTo(509);
            assertThat(source.stats().events()).isEqualTo(summary.events());
            assertThat(summary.events() / 500.0).isBetween(40.0, 60.0);
            DataDay day = DataDay.at(Instant.parse("2026-11-21T01:30:00Z"), RulesOptions.defaults());
            assertThat(source.fetch(Msisdn.parse("13800138000"), day).join()).isPresent();
        }
    }

    @Test
    void numbersAreOnRealSegmentsAndCarriersAreTheThreeIds() throws IOException {
        DatasetGenerator.generate(options("a", 9));
        List<String> rows = Files.readAllLines(dir.resolve("a/subscribers.csv"));
        Set<String> segments = Set.of("134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157",
                "158", "159", "178", "182", "183", "184", "187", "188", "198", "130", "131", "132", "145", "155",
                "156", "166", "175", "176", "185", "186", "196", "133", "149", "153", "173", "177", "180", "181",
                "189", "190", "191", "193", "199", "170", "171", "162", "165", "167");
        for (String row : rows.subList(1, rows.size())) {
            String[] cols = row.split(",", -1);
            assertThat(segments).as("segment of a generated number").contains(cols[0].substring(0, 3));
            assertThat(cols[1]).isIn("china-mobile", "china-unicom", "china-telecom");
        }
    }

    @Test
    void helpAndHPrintTheUsageOnStdoutAndWriteNothing() throws IOException {
        for (String flag : new String[] {"--help", "-h"}) {
            java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
            java.io.PrintStream before = System.out;
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                // Returns instead of exiting: a System.exit here would end the test JVM.
                DatasetGenerator.main(new String[] {"--out", "x", flag});
            } finally {
                System.setOut(before);
            }
            assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .startsWith("usage: java -cp cxmyd-gateway.jar io.cxmyd.itinerary.tools.DatasetGenerator --out DIR");
            assertThat(java.nio.file.Path.of("x")).doesNotExist();
        }
    }

    @Test
    void optionsAreValidatedWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> GeneratorOptions.parse("--subscribers", "10"))
                .hasMessage("--out: required");
        assertThatThrownBy(() -> GeneratorOptions.parse("--out", "x", "--end", "2026-13-01"))
                .hasMessage("--end: not a valid value \"2026-13-01\"");
        assertThatThrownBy(() -> GeneratorOptions.parse("--out", "x", "--days", "0"))
                .hasMessage("days: between 1 and 366, was 0");
        assertThat(GeneratorOptions.parse("--out", "x", "--subscribers", "5", "--showcase"))
                .isEqualTo(new GeneratorOptions(Path.of("x"), 5, 7, LocalDate.of(2026, 11, 21), 1, true));
    }

    @Test
    void anIdHashKeyAddsTheHashColumnAndChangesNoOtherByte() throws IOException {
        GeneratorOptions plain = options("plain", 5);
        GeneratorOptions hashed = new GeneratorOptions(dir.resolve("hashed"), 500, 7, LocalDate.of(2026, 11, 21), 5,
                true, "generator-secret-0123");
        DatasetGenerator.generate(plain);
        DatasetGenerator.generate(hashed);
        for (String file : List.of("cells.csv", "signaling.csv")) {
            assertThat(Files.mismatch(dir.resolve("plain").resolve(file), dir.resolve("hashed").resolve(file)))
                    .as(file).isEqualTo(-1L);
        }
        List<String> plainRows = Files.readAllLines(dir.resolve("plain/subscribers.csv"));
        List<String> hashedRows = Files.readAllLines(dir.resolve("hashed/subscribers.csv"));
        assertThat(hashedRows.get(0)).isEqualTo(plainRows.get(0) + ",id_last4_hash");
        IdLast4Hash ids = new IdLast4Hash("generator-secret-0123");
        for (int i = 1; i < plainRows.size(); i++) {
            String number = plainRows.get(i).substring(0, 11);
            String expected = ids.hash(Msisdn.parse(number), SyntheticIds.last4(Long.parseLong(number), 5));
            assertThat(hashedRows.get(i)).isEqualTo(plainRows.get(i) + "," + expected);
        }
        try (LocalDatasetSource source = LocalDatasetSource.load(dir.resolve("hashed"), AreaCatalog.standard(),
                Set.of("china-mobile", "china-unicom", "china-telecom"))) {
            DataDay day = DataDay.at(Instant.parse("2026-11-21T01:30:00Z"), RulesOptions.defaults());
            Msisdn showcase = Msisdn.parse("13800138000");
            String hash = source.fetch(showcase, day).join().orElseThrow().profile().idLast4Hash();
            assertThat(ids.matches(showcase, SyntheticIds.last4(13800138000L, 5), hash)).isTrue();
        }
    }

    @Test
    void syntheticIdEndsAreThreeDigitsThenADigitOrXAndSometimesX() {
        long xs = 0;
        for (long n = 13800000000L; n < 13800001100L; n++) {
            String code = SyntheticIds.last4(n, 1);
            assertThat(IdLast4Hash.isCode(code)).as(code).isTrue();
            xs += code.endsWith("X") ? 1 : 0;
        }
        assertThat(xs).isBetween(50L, 160L);
    }

    @Test
    void aShortIdHashKeyIsRefused() {
        assertThatThrownBy(() -> GeneratorOptions.parse("--out", "x", "--id-hash-key", "short"))
                .hasMessage("--id-hash-key: at least 16 characters, was 5");
    }
}
