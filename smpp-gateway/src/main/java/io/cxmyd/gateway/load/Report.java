package io.cxmyd.gateway.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** Prints the figures of a run, and the gateway's as a ratio to the echo's. */
final class Report {

    private Report() {
    }

    static void print(PrintStream out, String title, Figures f) {
        out.println("== " + title + " ==");
        out.printf(Locale.ROOT, "sent %d (%.0f/s), accepted %d, replies %d; answered %.0f/s within the window%n",
                f.sent.sum(), f.sentRate(), f.accepted.sum(), f.replied.sum(), f.throughput());
        out.printf(Locale.ROOT, "latency ms (submit_sm to last part): p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                Figures.ms(f.latency, 50), Figures.ms(f.latency, 90), Figures.ms(f.latency, 99),
                Figures.maxMs(f.latency));
        out.printf(Locale.ROOT, "submit_sm_resp ms: p50 %.2f  p99 %.2f  max %.2f%n", Figures.ms(f.submitResp, 50),
                Figures.ms(f.submitResp, 99), Figures.maxMs(f.submitResp));
        if (f.sendLag.getTotalCount() > 0) {
            out.printf(Locale.ROOT, "tool's send lag behind schedule ms: p50 %.2f  p99 %.2f  max %.2f%n",
                    Figures.ms(f.sendLag, 50), Figures.ms(f.sendLag, 99), Figures.maxMs(f.sendLag));
        }
        Map<String, Long> errors = f.errorCounts();
        out.println("submit errors: " + (errors.isEmpty() ? "none" : errors));
        out.printf(Locale.ROOT, "missing replies: %d, incomplete: %d, unmatched: %d; parts per reply %.2f%n",
                f.missing, f.incomplete, f.unmatched.sum(),
                f.replied.sum() == 0 ? 0.0 : (double) f.parts.sum() / f.replied.sum());
        out.printf("checked replies: %d, wrong: %d%s%n", f.checked.sum(), f.checkFailures.sum(),
                f.firstCheckFailure == null ? "" : " (first: " + f.firstCheckFailure + ")");
        if (f.processCpu >= 0) {
            out.printf(Locale.ROOT, "process CPU: %.2f cores on average (this JVM: tool%s)%n", f.processCpu,
                    f.maxHeapUsed >= 0 ? " and gateway" : "");
        }
        if (f.maxHeapUsed >= 0) {
            out.printf("heap used at most: %d MB (MemoryMXBean of this JVM, gateway and tool together)%n",
                    f.maxHeapUsed >> 20);
        }
    }

    static void ratio(PrintStream out, String which, Figures gateway, Figures echo) {
        out.printf(Locale.ROOT, "gateway / %s: throughput %.2f (%.0f / %.0f per s); p50 latency x%.1f, p99 x%.1f%n",
                which,
                gateway.throughput() / echo.throughput(), gateway.throughput(), echo.throughput(),
                Figures.ms(gateway.latency, 50) / Figures.ms(echo.latency, 50),
                Figures.ms(gateway.latency, 99) / Figures.ms(echo.latency, 99));
    }
}
