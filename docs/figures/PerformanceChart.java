import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws docs/figures/performance-quiet-machine.png from the table "Third run: a quiet machine" of
 * docs/performance.md: queries/s on the left, p50 and p99 latency on the right, one row per run. Plain JDK
 * (java.awt, headless), no build step:
 *
 * <pre>java -Djava.awt.headless=true docs/figures/PerformanceChart.java docs/figures/performance-quiet-machine.png</pre>
 *
 * Change the figures here when the table changes, and run it again.
 */
public class PerformanceChart {

    record Run(String label, double perSecond, double p50, double p99, boolean echo) {
    }

    static final List<Run> RUNS = List.of(
            new Run("echo, in-process (SMPP stack alone)", 24_860, 4.03, 14.74, true),
            new Run("gateway, in-process", 7_770, 14.32, 42.05, false),
            new Run("gateway, in-process, pduProcessorThreads 64", 7_358, 15.03, 46.08, false),
            new Run("gateway in its own JVM (-Xmx512m)", 11_408, 9.87, 30.75, false),
            new Run("own JVM, fixed rate 5,000/s, 5 s warm-up", 5_001, 2.73, 20.94, false),
            new Run("own JVM, fixed rate 5,000/s, 10 s warm-up", 5_000, 2.52, 6.15, false));

    static final int W = 1320;
    static final int ROW = 54;
    static final int TOP = 90;
    static final int LABEL_W = 360;
    static final int PANEL_W = 360;
    static final int GAP = 110;

    public static void main(String[] args) throws IOException {
        int h = TOP + RUNS.size() * ROW + 70;
        BufferedImage image = new BufferedImage(W, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("bench on a quiet machine (2 vCPU, 100,000 subscribers, journal on) - docs/performance.md", 20, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        int left = 20 + LABEL_W;
        int right = left + PANEL_W + GAP;
        g.drawString("queries/s answered", left, TOP - 20);
        g.drawString("latency ms (submit_sm to last part): p50 dark, p99 light", right, TOP - 20);
        double maxRate = 25_000;
        double maxMs = 50;
        axis(g, left, h, maxRate, 5_000, "%,.0f");
        axis(g, right, h, maxMs, 10, "%.0f");
        for (int i = 0; i < RUNS.size(); i++) {
            Run r = RUNS.get(i);
            int y = TOP + i * ROW;
            g.setColor(Color.BLACK);
            g.drawString(r.label(), 20, y + 26);
            g.setColor(r.echo() ? new Color(150, 150, 150) : new Color(31, 119, 180));
            int rw = (int) (PANEL_W * r.perSecond() / maxRate);
            g.fillRect(left, y + 8, rw, 28);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%,.0f", r.perSecond()), left + rw + 6, y + 27);
            int p99 = (int) (PANEL_W * r.p99() / maxMs);
            int p50 = (int) (PANEL_W * r.p50() / maxMs);
            g.setColor(new Color(255, 187, 120));
            g.fillRect(right, y + 8, p99, 28);
            g.setColor(new Color(214, 39, 40));
            g.fillRect(right, y + 14, p50, 16);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%.1f / %.1f", r.p50(), r.p99()), right + p99 + 6, y + 27);
        }
        g.dispose();
        ImageIO.write(image, "png", new File(args.length > 0 ? args[0] : "performance-quiet-machine.png"));
    }

    static void axis(Graphics2D g, int x0, int h, double max, double step, String format) {
        g.setColor(new Color(220, 220, 220));
        g.setStroke(new BasicStroke(1));
        for (double v = 0; v <= max; v += step) {
            int x = x0 + (int) (PANEL_W * v / max);
            g.drawLine(x, TOP, x, h - 45);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(format, v), x - 12, h - 25);
            g.setColor(new Color(220, 220, 220));
        }
    }
}
