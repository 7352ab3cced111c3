package dev.tokenscale.host.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** The design-space charts of a sweep: one point per design, as inline SVG. */
final class ExploreChart {

    private ExploreChart() {
    }

    /**
     * A scatter chart, one series per entry of {@code series} (points as {x, y}), with logarithmic axes where asked.
     * Points with a value that a logarithmic axis cannot show (0, negative, NaN) are left out.
     */
    static String scatter(String id, String title, String xLabel, boolean xLog, String yLabel, boolean yLog,
                          Map<String, List<double[]>> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
            XYSeries points = new XYSeries(entry.getKey(), false, true);
            for (double[] p : entry.getValue()) {
                if (shown(p[0], xLog) && shown(p[1], yLog)) {
                    points.add(p[0], p[1]);
                }
            }
            data.addSeries(points);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, FrontierChart.colour(s, data.getSeriesCount()));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        }
        XYPlot plot = new XYPlot(data, axis(xLabel, xLog), axis(yLabel, yLog), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        SVGGraphics2D g2 = new SVGGraphics2D(FrontierChart.WIDTH, FrontierChart.HEIGHT);
        g2.setDefsKeyPrefix(id.toLowerCase(Locale.ROOT) + "-");
        chart.draw(g2, new Rectangle(0, 0, FrontierChart.WIDTH, FrontierChart.HEIGHT));
        return g2.getSVGElement();
    }

    private static boolean shown(double value, boolean log) {
        return Double.isFinite(value) && (!log || value > 0);
    }

    private static ValueAxis axis(String label, boolean log) {
        if (log) {
            return FrontierChart.axis(label);
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }
}
