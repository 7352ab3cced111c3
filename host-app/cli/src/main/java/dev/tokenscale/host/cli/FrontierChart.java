package dev.tokenscale.host.cli;

import dev.tokenscale.host.engine.Comparison;
import dev.tokenscale.host.engine.Curve;
import dev.tokenscale.host.engine.OperatingPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The frontier chart with JFreeChart: interactivity (tokens per user per second) across, a per-point measure up,
 * both on log axes, one series per hardware system, each point labelled with its batch size. Rendered as SVG (for
 * the HTML report) or PNG.
 */
final class FrontierChart {

    /** What the vertical axis shows. */
    public enum Measure {
        /** Output tokens per chip per second: the "bus" axis. */
        PER_CHIP("output tokens/s per chip", OperatingPoint::tokensPerChipPerSecond),
        /** Output tokens per second per megawatt of provisioned facility power. */
        PER_MEGAWATT("output tokens/s per provisioned MW", OperatingPoint::tokensPerSecondPerMegawatt),
        /** US dollars per million output tokens (lower is better). */
        COST("$ per million output tokens", OperatingPoint::costPerMillionTokensUsd);

        private final String label;
        private final ToDoubleFunction<OperatingPoint> value;

        Measure(String label, ToDoubleFunction<OperatingPoint> value) {
            this.label = label;
            this.value = value;
        }

        /** The axis label. */
        public String label() {
            return label;
        }
    }

    /** Pixel width of a chart. */
    public static final int WIDTH = 960;
    /** Pixel height of a chart. */
    public static final int HEIGHT = 600;

    private FrontierChart() {
    }

    /** The chart of one measure over every system that has a frontier. */
    public static JFreeChart chart(Comparison c, Measure measure) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<Set<Integer>> labelled = new ArrayList<>();
        for (Curve curve : c.systems()) {
            if (curve.frontier().isEmpty()) {
                continue;
            }
            XYSeries series = new XYSeries(curve.hardware(), false, true);
            for (OperatingPoint p : curve.frontier()) {
                series.add(p.tokensPerUserPerSecond(), measure.value.applyAsDouble(p));
            }
            data.addSeries(series);
        }
        for (int s = 0; s < data.getSeriesCount(); s++) {
            labelled.add(spacedOut(data, s));
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setDefaultItemLabelGenerator((dataset, series, item) -> labelled.get(series).contains(item)
                ? "b=" + curve(c, (String) dataset.getSeriesKey(series)).frontier().get(item).batch() : null);
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesStroke(s, new BasicStroke(2f));
            renderer.setSeriesPaint(s, colour(s, data.getSeriesCount()));
        }
        XYPlot plot = new XYPlot(data, axis("tokens/s per user (interactivity)"), axis(measure.label()), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT, "%s: %s vs interactivity", c.model(),
                measure.label()), new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The chart as an SVG element. */
    public static String svg(Comparison c, Measure measure) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        g2.setDefsKeyPrefix(measure.name().toLowerCase(Locale.ROOT) + "-");
        chart(c, measure).draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g2.getSVGElement();
    }

    /** Writes the chart as a PNG image. */
    public static void png(Comparison c, Measure measure, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart(c, measure), WIDTH, HEIGHT);
    }

    static LogAxis axis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setTickUnit(new NumberTickUnit(1));
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        axis.setSmallestValue(1e-6);
        return axis;
    }

    private static Curve curve(Comparison c, String hardware) {
        return c.systems().stream().filter(s -> s.hardware().equals(hardware)).findFirst().orElseThrow();
    }

    /**
     * The items of a series worth a label: the first, and each one far enough from the last labelled one (a
     * twentieth of the chart's span in log space) that the labels do not pile up.
     */
    private static Set<Integer> spacedOut(XYSeriesCollection data, int series) {
        double xSpan = Math.max(1e-9, Math.log10(data.getDomainUpperBound(false) / data.getDomainLowerBound(false)));
        double ySpan = Math.max(1e-9, Math.log10(data.getRangeUpperBound(false) / data.getRangeLowerBound(false)));
        Set<Integer> items = new HashSet<>();
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        for (int i = 0; i < data.getItemCount(series); i++) {
            double x = Math.log10(data.getXValue(series, i)) / xSpan;
            double y = Math.log10(data.getYValue(series, i)) / ySpan;
            if (items.isEmpty() || Math.hypot(x - lastX, y - lastY) > 0.05) {
                items.add(i);
                lastX = x;
                lastY = y;
            }
        }
        return items;
    }

    /** Twelve distinct colours (Tableau's), then evenly spaced hues. */
    static Color colour(int series, int count) {
        return series < PALETTE.length ? PALETTE[series]
                : Color.getHSBColor((float) series / count, 0.8f, 0.8f);
    }

    private static final Color[] PALETTE = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
        new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C)};
}
