package io.cxmyd.gateway.journal;

import static io.cxmyd.gateway.journal.JournalCodecTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on a real folder: what survives a restart, what is cut, what is deleted. */
class JournalTest {

    @TempDir
    Path dir;

    JournalOptions options() {
        return new JournalOptions(dir, Duration.ZERO, Duration.ofSeconds(5), JournalOptions.MIN_SEGMENT_BYTES);
    }

    List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jnl")).sorted().toList();
        }
    }

    @Test
    void acceptedAndNotDoneIsRecoveredAfterReopening() throws Exception {
        long kept;
        try (Journal j = Journal.open(options())) {
            Journal.Appended a = j.append(message("13800138000"));
            Journal.Appended b = j.append(message("13800138001"));
            a.durable().get();
            b.durable().get();
            j.done(a.id());
            kept = b.id();
        }

        try (Journal j = Journal.open(options())) {
            assertThat(j.recovered()).extracting(JournalRecord::id).containsExactly(kept);
            assertThat(j.recovered().get(0).message().source().address()).isEqualTo("13800138001");
            assertThat(j.pending()).isEqualTo(1);
        }
    }

    @Test
    void workACompletionStartsRunsOnTheCompleterAfterTheCompletionNotInsideIt() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<String> workThread = new CompletableFuture<>();
        Executor elsewhere = task -> events.add("handed elsewhere");
        try (Journal j = Journal.open(options())) {
            Executor after = j.afterCompletion(elsewhere);
            j.append(message("13800138000")).durable().thenRun(() -> {
                after.execute(() -> {
                    events.add("work");
                    workThread.complete(Thread.currentThread().getName());
                });
                events.add("completion ends");
            });

            assertThat(workThread.get(5, TimeUnit.SECONDS)).isEqualTo("journal-completer");
        }
        assertThat(events).containsExactly("completion ends", "work");
    }

    @Test
    void workGivenOutsideACompletionGoesElsewhereAndAFailingTaskStopsNoOther() throws Exception {
        List<String> handedElsewhere = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        try (Journal j = Journal.open(options())) {
            Executor after = j.afterCompletion(task -> handedElsewhere.add("task"));
            after.execute(() -> { });
            assertThat(handedElsewhere).hasSize(1);

            j.append(message("13800138000")).durable().thenRun(() -> {
                after.execute(() -> {
                    throw new IllegalStateException("a bug in one query's work");
                });
                after.execute(() -> second.complete(null));
            });

            second.get(5, TimeUnit.SECONDS);
        }
        assertThat(handedElsewhere).hasSize(1);
    }

    @Test
    void idsKeepGrowingAcrossRestarts() throws Exception {
        long first;
        try (Journal j = Journal.open(options())) {
            first = j.append(message("13800138000")).id();
        }
        try (Journal j = Journal.open(options())) {
            assertThat(j.append(message("13800138000")).id()).isGreaterThan(first);
        }
    }

    @Test
    void tornTailIsCutAndTheRecordsBeforeItSurvive() throws Exception {
        long id;
        try (Journal j = Journal.open(options())) {
            Journal.Appended a = j.append(message("13800138000"));
            a.durable().get();
            id = a.id();
        }
        Path last = segments().get(segments().size() - 1);
        Files.write(last, new byte[] {0, 0, 1, 0, 9, 9}, StandardOpenOption.APPEND);

        try (Journal j = Journal.open(options())) {
            assertThat(j.recovered()).extracting(JournalRecord::id).containsExactly(id);
        }
        try (Journal j = Journal.open(options())) {
            assertThat(j.recovered()).extracting(JournalRecord::id).containsExactly(id);
        }
    }

    @Test
    void segmentIsDeletedOnceEveryEntryInItIsDone() throws Exception {
        try (Journal j = Journal.open(options())) {
            Path first = segments().get(0);
            Journal.Appended a = j.append(message("13800138000"));
            a.durable().get();
            // Fill past the segment size so the writer moves on to a second file.
            Journal.Appended last = null;
            for (int i = 0; i < 1500; i++) {
                last = j.append(message("13800138001"));
            }
            last.durable().get();
            assertThat(segments().size()).isGreaterThan(1);
            assertThat(first).exists();

            j.done(a.id());
            for (long id = a.id() + 1; id <= last.id(); id++) {
                j.done(id);
            }
            j.append(message("13800138002")).durable().get(); // the dones are written before this

            assertThat(first).doesNotExist();
            assertThat(segments()).hasSize(1);
            assertThat(j.pending()).isEqualTo(1);
        }
    }

    @Test
    void filesAreReadableByTheOwnerOnly() throws Exception {
        Path nested = dir.resolve("var/journal");
        try (Journal j = Journal.open(new JournalOptions(nested, Duration.ZERO, Duration.ofSeconds(5),
                JournalOptions.MIN_SEGMENT_BYTES))) {
            j.append(message("13800138000")).durable().get();
            try (Stream<Path> s = Files.list(nested)) {
                assertThat(s.toList()).isNotEmpty().allSatisfy(p ->
                        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------"));
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
        }
    }

    @Test
    void appendAfterCloseFails() throws Exception {
        Journal j = Journal.open(options());
        j.close();
        assertThatThrownBy(() -> j.append(message("13800138000")).durable().get())
                .hasCauseInstanceOf(IOException.class);
    }


    @Test
    void secondJournalOnTheSameFolderIsRefused() throws Exception {
        try (Journal j = Journal.open(options())) {
            assertThatThrownBy(() -> Journal.open(options())).isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
    }
}
