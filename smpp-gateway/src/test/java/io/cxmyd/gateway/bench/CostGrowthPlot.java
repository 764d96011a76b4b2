package io.cxmyd.gateway.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws docs/perf/cost-growth.png from the CSV that config/bench/cost-growth.sh writes: one panel per
 * dimension (sessions, window, subscribers), queries/s (blue, left axis) and p99 ms (red, right axis) against
 * the dimension's values, evenly spaced. A command, not a test; AWT headless, no plotting library:
 * <pre>java -Djava.awt.headless=true smpp-gateway/src/test/java/io/cxmyd/gateway/bench/CostGrowthPlot.java \
 *     docs/perf/cost-growth.csv docs/perf/cost-growth.png</pre>
 * CSV columns: {@code dimension,value,queries_per_s,p99_ms} (a header line first).
 */
public final class CostGrowthPlot {

    private static final int PANEL_W = 360;
    private static final int PANEL_H = 300;
    private static final int MARGIN = 56;
    private static final Color QPS = new Color(0x1f77b4);
    private static final Color P99 = new Color(0xd62728);

    private record Point(String label, double qps, double p99) {
    }

    private CostGrowthPlot() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CostGrowthPlot IN.csv OUT.png");
            System.exit(2);
        }
        Map<String, List<Point>> panels = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            panels.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new Point(f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
        double maxQps = panels.values().stream().flatMap(List::stream).mapToDouble(Point::qps).max().orElse(1);
        double maxP99 = panels.values().stream().flatMap(List::stream).mapToDouble(Point::p99).max().orElse(1);
        BufferedImage img = new BufferedImage(PANEL_W * panels.size(), PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        int x0 = 0;
        for (Map.Entry<String, List<Point>> panel : panels.entrySet()) {
            drawPanel(g, x0, panel.getKey(), panel.getValue(), niceCeil(maxQps), niceCeil(maxP99));
            x0 += PANEL_W;
        }
        g.dispose();
        ImageIO.write(img, "png", Path.of(args[1]).toFile());
    }

    private static void drawPanel(Graphics2D g, int x0, String title, List<Point> points, double maxQps,
            double maxP99) {
        int left = x0 + MARGIN;
        int right = x0 + PANEL_W - MARGIN;
        int top = 36;
        int bottom = PANEL_H - 44;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, left, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.LIGHT_GRAY);
        for (int i = 0; i <= 4; i++) {
            int y = bottom - (bottom - top) * i / 4;
            g.drawLine(left, y, right, y);
            g.setColor(QPS);
            g.drawString(String.format(Locale.ROOT, "%.0f", maxQps * i / 4), x0 + 4, y + 4);
            g.setColor(P99);
            g.drawString(String.format(Locale.ROOT, "%.0f", maxP99 * i / 4), right + 4, y + 4);
            g.setColor(Color.LIGHT_GRAY);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, bottom, right, bottom);
        g.setColor(QPS);
        g.drawString("queries/s", x0 + 4, top - 8);
        g.setColor(P99);
        g.drawString("p99 ms", right - 10, top - 8);
        int n = points.size();
        int[] xs = new int[n];
        for (int i = 0; i < n; i++) {
            xs[i] = n == 1 ? (left + right) / 2 : left + 16 + (right - left - 32) * i / (n - 1);
            g.setColor(Color.BLACK);
            g.drawString(points.get(i).label(), xs[i] - 3 * points.get(i).label().length(), bottom + 16);
        }
        series(g, xs, points.stream().mapToDouble(Point::qps).toArray(), maxQps, top, bottom, QPS);
        series(g, xs, points.stream().mapToDouble(Point::p99).toArray(), maxP99, top, bottom, P99);
    }

    private static void series(Graphics2D g, int[] xs, double[] values, double max, int top, int bottom, Color c) {
        g.setColor(c);
        g.setStroke(new BasicStroke(2f));
        int prevX = -1;
        int prevY = -1;
        for (int i = 0; i < xs.length; i++) {
            int y = (int) Math.round(bottom - (bottom - top) * values[i] / max);
            g.fillOval(xs[i] - 4, y - 4, 8, 8);
            if (prevX >= 0) {
                g.drawLine(prevX, prevY, xs[i], y);
            }
            prevX = xs[i];
            prevY = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}: round axis ends. */
    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
