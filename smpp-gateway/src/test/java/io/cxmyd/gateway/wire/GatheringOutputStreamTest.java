package io.cxmyd.gateway.wire;

import static io.cxmyd.gateway.wire.RecordingSocket.pdu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmyd.gateway.smpp.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GatheringOutputStreamTest {

    private final RecordingSocket socket = new RecordingSocket();
    private final GatheringOutputStream out = new GatheringOutputStream(socket, 8);

    @Test
    void aThreadThatDoesNotGatherWritesEachPduThroughAtOnce() throws IOException {
        send("a1");
        assertThat(socket.writes).containsExactly("a1");
        send("b2");
        assertThat(socket.writes).containsExactly("a1", "b2");
    }

    @Test
    void aGatheringThreadWritesItsPdusInOneWriteWhenItsBatchEnds() {
        GatheredWrites.during(() -> {
            send("r1");
            send("r2");
            send("r3");
            assertThat(socket.writes).isEmpty();
        });
        assertThat(socket.writes).containsExactly("r1r2r3");
    }

    @Test
    void aThreadGatheringAcrossStepsWritesOutOnlyWhenItFlushes() {
        CompletableFuture.runAsync(() -> {
            GatheredWrites.startOnThisThread();
            send("p1");
            send("p2");
            assertThat(socket.writes).isEmpty();
            GatheredWrites.flushHeld();
            assertThat(socket.writes).containsExactly("p1p2");
            send("p3");
            GatheredWrites.stopOnThisThread();
        }).join();
        assertThat(socket.writes).containsExactly("p1p2", "p3");
    }

    @Test
    void bytesHeldByAGatheringThreadLeaveFirstWhenAnotherThreadWritesThrough() throws IOException {
        CompletableFuture<Void> gathering = new CompletableFuture<>();
        CompletableFuture<Void> written = new CompletableFuture<>();
        CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> GatheredWrites.during(() -> {
            send("g1");
            gathering.complete(null);
            written.join();
        }));
        gathering.join();
        send("x2");
        written.complete(null);
        batch.join();
        assertThat(socket.writes).containsExactly("g1x2");
    }

    @Test
    void workAfterReleaseWaitsForWhatTheGatheringThreadHoldsToBeOnTheSocket() {
        List<String> seenByTask = new ArrayList<>();
        GatheredWrites.during(() -> {
            send("r1");
            GatheredWrites.afterRelease(() -> seenByTask.addAll(socket.writes));
            send("r2");
            assertThat(seenByTask).as("not run while r1 is held").isEmpty();
        });
        assertThat(seenByTask).as("what was on the socket when the task ran").containsExactly("r1r2");
    }

    @Test
    void workAfterReleaseRunsAtOnceWhenNothingIsHeld() {
        List<String> ran = new ArrayList<>();
        GatheredWrites.afterRelease(() -> ran.add("not gathering"));
        GatheredWrites.during(() -> GatheredWrites.afterRelease(() -> ran.add("gathering, nothing held")));
        assertThat(ran).containsExactly("not gathering", "gathering, nothing held");
    }

    @Test
    void workAfterReleaseRunsAtTheNextFlushOfAThreadGatheringAcrossSteps() {
        List<String> seenByTask = new ArrayList<>();
        CompletableFuture.runAsync(() -> {
            GatheredWrites.startOnThisThread();
            send("p1");
            GatheredWrites.afterRelease(() -> seenByTask.addAll(socket.writes));
            assertThat(seenByTask).isEmpty();
            GatheredWrites.flushHeld();
            GatheredWrites.stopOnThisThread();
        }).join();
        assertThat(seenByTask).containsExactly("p1");
    }

    @Test
    void workAfterReleaseRunsEvenWhenTheWriteFailedAndOneFailingTaskSparesTheNext() {
        socket.failWith(new IOException("Connection reset"));
        List<String> ran = new ArrayList<>();
        GatheredWrites.during(() -> {
            send("r1");
            GatheredWrites.afterRelease(() -> {
                throw new IllegalStateException("a bug");
            });
            GatheredWrites.afterRelease(() -> ran.add("second"));
        });
        assertThat(ran).containsExactly("second");
    }

    @Test
    void aWriterWhoseBytesAreTakenByTheThreadWritingReturnsOnlyOnceTheyAreOnTheSocket() throws Exception {
        socket.hold();
        Thread first = new Thread(() -> send("a1"));
        first.start();
        socket.entered.await(5, TimeUnit.SECONDS);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> send("b2"));
        Await.until("b2 waits behind a1", () -> socket.writes.isEmpty() && bufferedBehindTheWrite(),
                Duration.ofSeconds(5));
        assertThat(second).isNotDone();
        socket.open();
        second.get(5, TimeUnit.SECONDS);
        first.join();
        assertThat(socket.writes).containsExactly("a1", "b2");
    }

    @Test
    void behindAStalledWriteWritersWaitOnceTheLimitIsReached() throws Exception {
        socket.hold();
        Thread first = new Thread(() -> send("a1"));
        first.start();
        socket.entered.await(5, TimeUnit.SECONDS);
        // Gathering threads do not wait for the socket; the limit (8 octets) is what holds them back.
        CompletableFuture<Void> filling = CompletableFuture.runAsync(() -> GatheredWrites.during(() -> {
            send("b2b2");
            send("c3c3");
            send("d4d4");
        }));
        Await.until("a writer waits behind the write", this::bufferedBehindTheWrite, Duration.ofSeconds(5));
        assertThat(filling).isNotDone();
        socket.open();
        filling.get(5, TimeUnit.SECONDS);
        first.join();
        assertThat(socket.all()).isEqualTo("a1b2b2c3c3d4d4");
    }

    @Test
    void afterAFailedWriteEveryLaterWriteFails() {
        socket.failWith(new IOException("Broken pipe"));
        assertThatThrownBy(() -> sendChecked("a1")).isInstanceOf(IOException.class).hasMessage("Broken pipe");
        assertThatThrownBy(() -> sendChecked("b2")).isInstanceOf(IOException.class)
                .hasMessageContaining("an earlier write on this connection failed: Broken pipe");
    }

    @Test
    void aFailedGatheredWriteIsNotThrownAtTheEndOfTheBatch() {
        socket.failWith(new IOException("Connection reset"));
        GatheredWrites.during(() -> send("r1"));
        assertThatThrownBy(() -> sendChecked("r2")).hasMessageContaining("Connection reset");
    }

    /** Whether some writer waits on the stream's monitor (its bytes behind the write in progress). */
    private boolean bufferedBehindTheWrite() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getState() == Thread.State.WAITING && waitsOnStream(t));
    }

    private boolean waitsOnStream(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals(GatheringOutputStream.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private void send(String s) {
        try {
            sendChecked(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sendChecked(String s) throws IOException {
        out.write(pdu(s));
        out.flush();
    }
}
