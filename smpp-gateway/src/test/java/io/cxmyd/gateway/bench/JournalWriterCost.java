package io.cxmyd.gateway.bench;

import io.cxmyd.gateway.journal.Journal;
import io.cxmyd.gateway.journal.JournalOptions;
import io.cxmyd.gateway.message.InboundMessage;
import io.cxmyd.gateway.message.SmppAddress;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * What the journal's writer thread costs per query (docs/performance.md, fourth run): appends at a fixed
 * rate from 4 threads, each "accepted" followed by its "done" once durable, with the gateway's default
 * 2 ms gathering, and prints the writer's CPU time and context switches per query (Linux: read from /proc).
 * A command, not a test:
 * <pre>java -cp smpp-gateway/target/test-classes:smpp-gateway/target/cxmyd-gateway.jar \
 *     io.cxmyd.gateway.bench.JournalWriterCost 3000 5 /tmp</pre>
 * Arguments: queries per second, seconds, a folder for the throw-away journal.
 */
public final class JournalWriterCost {

    private JournalWriterCost() {
    }

  public static void main(String[] a) throws Exception {
    int rate = Integer.parseInt(a[0]); int seconds = Integer.parseInt(a[1]);
    Path dir = Files.createTempDirectory(Path.of(a[2]), "jh");
    Journal j = Journal.open(new JournalOptions(dir, Duration.ofMillis(2), Duration.ofSeconds(5), 64L << 20));
    Thread writer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("journal-writer")).findFirst().get();
    InboundMessage m = new InboundMessage("china-mobile", new SmppAddress((byte) 1, (byte) 1, "13800138000"),
        new SmppAddress((byte) 0, (byte) 1, "10086"), (byte) 0, (byte) 0, "CXMYD".getBytes(StandardCharsets.US_ASCII), false, Instant.now());
    ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
    long cpu0 = tmx.getThreadCpuTime(writer.getId()); long sw0 = switches(writer);
    long start = System.nanoTime(); long period = 4L * 1_000_000_000L / rate; long n = (long) rate * seconds / 4;
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < 4; t++) { long off = t * period / 4; Thread th = new Thread(() -> {
        for (long i = 0; i < n; i++) { long due = start + off + i * period; long w; while ((w = due - System.nanoTime()) > 0) LockSupport.parkNanos(w);
          Journal.Appended ap = j.append(m); ap.durable().thenRun(() -> j.done(ap.id())); } }); th.start(); ts.add(th); }
    for (Thread t : ts) t.join();
    Thread.sleep(200);
    long cpu = tmx.getThreadCpuTime(writer.getId()) - cpu0; long sw = switches(writer) - sw0; long q = n * 4;
    System.out.printf("queries %d: writer CPU %.1f us/query, context switches %.2f per query%n", q, cpu / 1e3 / q, (double) sw / q);
    j.close();
  }
  static long switches(Thread t) throws Exception {
    // the writer's native tid: find the task whose comm is journal-writer
    for (Path task : Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      if (Files.readString(task.resolve("comm")).trim().equals("journal-writer")) {
        long s = 0; for (String l : Files.readAllLines(task.resolve("status"))) if (l.contains("ctxt_switches")) s += Long.parseLong(l.split("\\s+")[1]);
        return s; } }
    return -1;
  }
}
