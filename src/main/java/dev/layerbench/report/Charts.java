package dev.layerbench.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Color;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Line charts for the HTML report, drawn by JFreeChart into JFreeSVG and returned as an inline {@code <svg>}
 * element: no image files, no scripts, nothing fetched when the page is opened.
 *
 * <p>Each chart gets its own defs prefix: JFreeSVG names its clip paths {@code clip-0, clip-1…} per drawing, and
 * several inline SVGs in one HTML document share one id space, so without a prefix every chart would clip to the
 * first chart's rectangles.
 */
public final class Charts {
    public static final int WIDTH = 760;
    public static final int HEIGHT = 420;
    /** Where a zero (or smaller) value is drawn on a log axis, which cannot show zero. */
    public static final double LOG_FLOOR = 1e-17;

    private static final String JFREESVG_NAMESPACE = "xmlns:jfreesvg='http://www.jfree.org/jfreesvg/svg'";
    private static final AtomicInteger CHART_IDS = new AtomicInteger();

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** A new series; points with a non-finite or (on a log axis) non-positive value are the caller's to drop. */
    public static XYSeries series(String name) {
        return new XYSeries(name, true, true);
    }

    /**
     * A line chart of {@code series} (name → points), with a logarithmic x and/or y axis as asked.
     *
     * @param shapes draw a marker on every point (for few points; off for per-step curves)
     */
    public static JFreeChart lines(String title, String xLabel, boolean logX, String yLabel, boolean logY,
                                   Map<String, XYSeries> series, boolean shapes) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().stream().filter(s -> s.getItemCount() > 0).forEach(data::addSeries);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        XYPlot plot = new XYPlot(data, axis(xLabel, logX, true), axis(yLabel, logY, false), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** @param wholeDecades a log axis ticked at powers of ten only, labelled as plain numbers (batch sizes) */
    private static ValueAxis axis(String label, boolean log, boolean wholeDecades) {
        DecimalFormatSymbols us = DecimalFormatSymbols.getInstance(Locale.US);
        if (log) {
            LogAxis axis = new LogAxis(label);
            if (wholeDecades) {
                axis.setTickUnit(new NumberTickUnit(1.0), false, false);
                axis.setAutoTickUnitSelection(false);
                axis.setNumberFormatOverride(new DecimalFormat("#,##0", us));
            } else {
                axis.setNumberFormatOverride(new DecimalFormat("0.##E0", us));
            }
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###", us));
        return axis;
    }

    /** The chart as one {@code <svg>} element, {@link #WIDTH}×{@link #HEIGHT}, ids unique within the page. */
    public static String svg(JFreeChart chart) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        String prefix = "chart" + CHART_IDS.incrementAndGet();
        g2.setDefsKeyPrefix(prefix);
        chart.draw(g2, new Rectangle(WIDTH, HEIGHT));
        // JFreeSVG declares its own namespace on every element but writes no attribute in it; dropped so that
        // the page names no URL but the SVG and XLink namespaces.
        return g2.getSVGElement(prefix).replace(" " + JFREESVG_NAMESPACE, "");
    }
}
