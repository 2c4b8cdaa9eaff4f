package dev.layerbench.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueAxisPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Charts for the HTML report, drawn by JFreeChart into JFreeSVG and returned as an inline {@code <svg>} element:
 * no image files, no scripts, nothing fetched when the page is opened.
 *
 * <p>Every axis is ticked at 1, 2 and 5 × 10^k and labelled in plain numbers ("500", "0.02"), never in
 * JFreeChart's default E notation ("7.94E2"); only values below 0.001, which plain digits would make unreadable,
 * are written as powers of ten ("10⁻⁶"). Colours come from {@link Palette}, so a thing is one colour on the page.
 *
 * <p>Each chart gets its own defs prefix: JFreeSVG names its clip paths {@code clip-0, clip-1…} per drawing, and
 * several inline SVGs in one HTML document share one id space, so without a prefix every chart would clip to the
 * first chart's rectangles.
 */
public final class Charts {
    public static final int WIDTH = 700;
    public static final int HEIGHT = 400;
    /** Where a zero (or smaller) value is drawn on a log axis, which cannot show zero. */
    public static final double LOG_FLOOR = 1e-17;
    /** A log axis spans at least this factor, so that a single point (one batch size) still gets ticks. */
    static final double MIN_LOG_SPAN = 4;

    /** Opacity of a {@link #bands} band: light enough that the lines of other series show through. */
    private static final float BAND_ALPHA = 0.18f;
    private static final String JFREESVG_NAMESPACE = "xmlns:jfreesvg='http://www.jfree.org/jfreesvg/svg'";
    private static final AtomicInteger CHART_IDS = new AtomicInteger();
    private static final DecimalFormatSymbols US = DecimalFormatSymbols.getInstance(Locale.US);
    /** Solid, dashed, dotted, dash-dot: told apart in black and white too. */
    private static final List<float[]> DASHES = List.of(new float[0], new float[]{6, 4}, new float[]{2, 3},
            new float[]{8, 3, 2, 3});

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /**
     * One line or set of points to draw, each point with an interval (equal to the point where there is none).
     *
     * @param dash 0 solid, 1 dashed, 2 dotted, 3 and on dash-dot: a second property (thread count, dtype) shown
     *             beside the colour
     */
    public record Series(YIntervalSeries points, Color colour, int dash) {
        public static Series of(String name, Color colour, int dash) {
            return new Series(new YIntervalSeries(name, true, true), colour, dash);
        }

        public void add(double x, double y) {
            points.add(x, y, y, y);
        }

        public void add(double x, double y, double low, double high) {
            points.add(x, y, Double.isFinite(low) ? low : y, Double.isFinite(high) ? high : y);
        }
    }

    /** An axis: its label (with the unit) and whether it is logarithmic. */
    public record Scale(String label, boolean log) {
    }

    /** One estimate with its interval, on its own line of a {@link #forest}; {@code group} names its colour. */
    public record Estimate(String label, double value, double low, double high, String group, Color colour) {
    }

    /**
     * An x–y chart of {@code series}.
     *
     * @param errorBars draw each point's interval as a whisker
     * @param lines     join the points of a series (off for a scatter such as the roofline)
     * @param shapes    draw a marker on every point (for few points; off for per-step curves)
     */
    public static JFreeChart xy(String title, Scale x, Scale y, List<Series> series, boolean errorBars,
                                boolean lines, boolean shapes) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDrawYError(errorBars);
        renderer.setDefaultLinesVisible(lines);
        renderer.setDefaultShapesVisible(shapes);
        renderer.setErrorStroke(new BasicStroke(1.2f));
        for (int i : addNonEmpty(series, data, renderer)) {
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        }
        XYPlot plot = new XYPlot(data, axis(x), axis(y), renderer);
        return styled(title, plot);
    }

    /**
     * An x–y chart of {@code series} as lines, each point's interval drawn as a shaded band around its line: for a
     * curve repeated over seeds, the band shows how far the seeds spread where a whisker per point would clutter.
     */
    public static JFreeChart bands(String title, Scale x, Scale y, List<Series> series) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(BAND_ALPHA);
        for (int i : addNonEmpty(series, data, renderer)) {
            renderer.setSeriesFillPaint(i, renderer.getSeriesPaint(i));
        }
        return styled(title, new XYPlot(data, axis(x), axis(y), renderer));
    }

    /**
     * Adds each series that has points to {@code data}, in its colour and dash; returns the indices they got (an
     * empty series gets none, so indices and series need not line up).
     */
    private static List<Integer> addNonEmpty(List<Series> series, YIntervalSeriesCollection data,
                                             XYLineAndShapeRenderer renderer) {
        List<Integer> added = new ArrayList<>();
        for (Series s : series) {
            if (s.points().getItemCount() == 0) {
                continue;
            }
            int i = data.getSeriesCount();
            data.addSeries(s.points());
            renderer.setSeriesPaint(i, s.colour());
            renderer.setSeriesStroke(i, stroke(s.dash(), 2f));
            added.add(i);
        }
        return added;
    }

    /**
     * A dot-and-whisker chart ("forest plot"): one line per estimate, top to bottom in the order given, the value
     * as a dot, its interval as a whisker, on a log axis with a line at 1 — the ratio of two times that are equal.
     */
    public static JFreeChart forest(String title, String valueLabel, List<Estimate> estimates) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(false);
        renderer.setErrorStroke(new BasicStroke(2f));
        Map<String, YIntervalSeries> groups = new LinkedHashMap<>();
        for (int i = 0; i < estimates.size(); i++) {
            Estimate e = estimates.get(i);
            YIntervalSeries group = groups.get(e.group());
            if (group == null) {
                group = new YIntervalSeries(e.group(), true, true);
                groups.put(e.group(), group);
                renderer.setSeriesPaint(data.getSeriesCount(), e.colour());
                renderer.setSeriesShape(data.getSeriesCount(), new Ellipse2D.Double(-4.5, -4.5, 9, 9));
                data.addSeries(group);
            }
            group.add(i, e.value(), Double.isFinite(e.low()) ? e.low() : e.value(),
                    Double.isFinite(e.high()) ? e.high() : e.value());
        }
        SymbolAxis labels = new SymbolAxis(null, estimates.stream().map(Estimate::label).toArray(String[]::new));
        labels.setInverted(true);
        labels.setRange(-0.6, estimates.size() - 0.4);
        labels.setTickLabelFont(labels.getTickLabelFont().deriveFont(11f));
        XYPlot plot = new XYPlot(data, labels, axis(new Scale(valueLabel, true)), renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = styled(title, plot);
        line(chart, 1.0, null, Color.BLACK, 0);
        return chart;
    }

    /** The height that gives each of {@code estimates} lines of a {@link #forest} room for its label. */
    public static int forestHeight(int estimates) {
        return 130 + 22 * estimates;
    }

    /**
     * A horizontal line across an x–y chart (a vertical one across a {@link #forest}) at {@code value}, labelled,
     * and the value axis stretched to show it.
     */
    public static void line(JFreeChart chart, double value, String label, Color colour, int dash) {
        XYPlot plot = chart.getXYPlot();
        ValueMarker marker = new ValueMarker(value, colour, stroke(dash, 1.5f));
        if (label != null) {
            // Alternate ends, so that the labels of two lines close together do not cover each other.
            boolean left = plot.getRangeMarkers(Layer.FOREGROUND) != null
                    && plot.getRangeMarkers(Layer.FOREGROUND).size() % 2 == 1;
            marker.setLabel(label);
            marker.setLabelPaint(colour);
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 200));
            marker.setLabelAnchor(left ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(left ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT);
        }
        plot.addRangeMarker(marker, Layer.FOREGROUND);
        ValueAxis axis = plot.getRangeAxis();
        Range range = axis.getRange();
        if (!range.contains(value)) {
            double margin = axis instanceof LogAxis ? 1.3 : 1.05;
            axis.setRange(Math.min(range.getLowerBound(), value / margin), Math.max(range.getUpperBound(),
                    value * margin));
        }
    }

    /**
     * Makes the x axis of an x–y chart logarithmic with a place for zero, which no log axis has: the caller draws
     * x = 0 at {@code zeroAt} (left of every positive value), and the axis labels that place "0" instead of a
     * power of ten, leaving out the regular ticks within half a decade of it.
     */
    public static void zeroAtLeftEdge(JFreeChart chart, double zeroAt) {
        XYPlot plot = chart.getXYPlot();
        PlainLogAxis axis = new PlainLogAxis(plot.getDomainAxis().getLabel(), zeroAt);
        axis.setSmallestValue(LOG_FLOOR);
        plot.setDomainAxis(axis);
    }

    /** Gives the panels of one small multiple the same x and y ranges, so that they can be read across. */
    public static void shareRanges(List<JFreeChart> panels) {
        if (panels.size() < 2) {
            return;
        }
        Range x = null;
        Range y = null;
        for (JFreeChart panel : panels) {
            x = Range.combine(x, panel.getXYPlot().getDomainAxis().getRange());
            y = Range.combine(y, panel.getXYPlot().getRangeAxis().getRange());
        }
        for (JFreeChart panel : panels) {
            panel.getXYPlot().getDomainAxis().setRange(x);
            panel.getXYPlot().getRangeAxis().setRange(y);
        }
    }

    private static JFreeChart styled(String title, XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, new java.awt.Font("SansSerif", java.awt.Font.BOLD, 14), plot,
                plot.getDataset().getSeriesCount() > 0);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static Stroke stroke(int dash, float width) {
        float[] pattern = DASHES.get(Math.min(dash, DASHES.size() - 1));
        return pattern.length == 0 ? new BasicStroke(width)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, pattern, 0f);
    }

    private static ValueAxis axis(Scale scale) {
        if (scale.log()) {
            PlainLogAxis axis = new PlainLogAxis(scale.label(), Double.NaN);
            axis.setSmallestValue(LOG_FLOOR);
            return axis;
        }
        NumberAxis axis = new NumberAxis(scale.label());
        axis.setAutoRangeIncludesZero(false);
        axis.setStandardTickUnits(oneTwoFive());
        return axis;
    }

    /** Tick units of 1, 2 and 5 × 10^k, each with as many decimals as it needs and no more. */
    private static TickUnits oneTwoFive() {
        TickUnits units = new TickUnits();
        for (int k = -6; k <= 9; k++) {
            for (int m : new int[]{1, 2, 5}) {
                units.add(new NumberTickUnit(m * Math.pow(10, k),
                        new DecimalFormat(k >= 0 ? "#,##0" : "#,##0." + "0".repeat(-k), US)));
            }
        }
        return units;
    }

    /**
     * The ticks of a log axis from {@code lower} to {@code upper}: 1, 2 and 5 × 10^k where that gives 2 to 10
     * ticks; over a wider range whole decades only (every second or third when there are many); over a narrower
     * one 1 to 9 × 10^k.
     */
    static List<Double> logTicks(double lower, double upper) {
        List<Double> ticks = ticks(lower, upper, new int[]{1, 2, 5}, 1);
        if (ticks.size() > 10) {
            int decades = (int) Math.ceil(Math.log10(upper / lower));
            return ticks(lower, upper, new int[]{1}, Math.max(1, (int) Math.ceil(decades / 8.0)));
        }
        return ticks.size() >= 2 ? ticks : ticks(lower, upper, new int[]{1, 2, 3, 4, 5, 6, 7, 8, 9}, 1);
    }

    private static List<Double> ticks(double lower, double upper, int[] mantissas, int everyNthDecade) {
        List<Double> ticks = new ArrayList<>();
        for (int k = (int) Math.floor(Math.log10(lower)); k <= (int) Math.ceil(Math.log10(upper)); k++) {
            if (Math.floorMod(k, everyNthDecade) != 0) {
                continue;
            }
            for (int m : mantissas) {
                // Written as m·10^k through the decimal string, so that 3·10⁻¹ is 0.3 and not 0.30000000000000004.
                double value = Double.parseDouble(m + "e" + k);
                if (value >= lower && value <= upper) {
                    ticks.add(value);
                }
            }
        }
        return ticks;
    }

    /** A tick label: plain digits ("1,000", "0.02"), or for values below 0.001 a power of ten ("2·10⁻⁶"). */
    static String plain(double value) {
        double magnitude = Math.abs(value);
        if (magnitude == 0 || magnitude >= 1e-3) {
            return new DecimalFormat("#,##0.####", US).format(value);
        }
        int exponent = (int) Math.floor(Math.log10(magnitude));
        long mantissa = Math.round(magnitude / Math.pow(10, exponent));
        StringBuilder power = new StringBuilder(value < 0 ? "−" : "").append(mantissa == 1 ? "" : mantissa + "·")
                .append("10");
        for (char c : Integer.toString(exponent).toCharArray()) {
            power.append(c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(c - '0'));
        }
        return power.toString();
    }

    /**
     * A log axis ticked and labelled by {@link #logTicks} and {@link #plain}, its automatic range the data's with a
     * margin of a factor at each end, at least {@link #MIN_LOG_SPAN} wide.
     */
    private static final class PlainLogAxis extends LogAxis {
        private static final double MARGIN = 1.15;
        /** Where zero is drawn, ticked "0"; NaN for none (see {@link #zeroAtLeftEdge}). */
        private final double zeroAt;

        PlainLogAxis(String label, double zeroAt) {
            super(label);
            this.zeroAt = zeroAt;
        }

        /**
         * Replaces LogAxis's own, which widens a narrow range by a fixed length (1e-8) taken off its lower end: for
         * values all near 1e-17 (spreads of 0) that gives a negative bound and no axis at all.
         */
        @Override
        protected void autoAdjustRange() {
            if (!(getPlot() instanceof ValueAxisPlot plot)) {
                return;
            }
            Range data = plot.getDataRange(this);
            if (data == null) {
                data = getDefaultAutoRange();
            }
            double lower = Math.max(data.getLowerBound(), getSmallestValue()) / MARGIN;
            double upper = Math.max(data.getUpperBound(), getSmallestValue()) * MARGIN;
            if (upper / lower < MIN_LOG_SPAN) {
                double middle = Math.sqrt(lower * upper);
                lower = middle / Math.sqrt(MIN_LOG_SPAN);
                upper = middle * Math.sqrt(MIN_LOG_SPAN);
            }
            setRange(new Range(lower, upper), false, false);
        }

        @Override
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER
                    : edge == RectangleEdge.BOTTOM ? TextAnchor.TOP_CENTER
                    : edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT;
            List<NumberTick> ticks = new ArrayList<>();
            boolean zero = Double.isFinite(zeroAt);
            if (zero) {
                ticks.add(new NumberTick(TickType.MAJOR, zeroAt, "0", anchor, TextAnchor.CENTER, 0));
            }
            for (double value : logTicks(getLowerBound(), getUpperBound())) {
                if (!zero || value > zeroAt * Math.sqrt(10)) {
                    ticks.add(new NumberTick(TickType.MAJOR, value, plain(value), anchor, TextAnchor.CENTER, 0));
                }
            }
            return ticks;
        }
    }

    /**
     * Panels side by side as one {@code <svg>} element, each {@link #WIDTH}×{@link #HEIGHT}: a figure saved as a
     * file of its own, where the page would lay the panels out itself.
     */
    public static String svgRow(List<JFreeChart> panels) {
        return svg(panels, HEIGHT);
    }

    /** The chart as one {@code <svg>} element, {@link #WIDTH}×{@link #HEIGHT}, ids unique within the page. */
    public static String svg(JFreeChart chart) {
        return svg(chart, HEIGHT);
    }

    /**
     * The chart as one {@code <svg>} element {@link #WIDTH} wide and {@code height} high, with a view box so that
     * the page can scale it to its column.
     */
    public static String svg(JFreeChart chart, int height) {
        return svg(List.of(chart), height);
    }

    private static String svg(List<JFreeChart> panels, int height) {
        int width = WIDTH * panels.size();
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        String prefix = "chart" + CHART_IDS.incrementAndGet();
        g2.setDefsKeyPrefix(prefix);
        for (int i = 0; i < panels.size(); i++) {
            panels.get(i).draw(g2, new Rectangle(i * WIDTH, 0, WIDTH, height));
        }
        // JFreeSVG declares its own namespace on every element but writes no attribute in it; dropped so that
        // the page names no URL but the SVG and XLink namespaces.
        return g2.getSVGElement(prefix, true, new ViewBox(0, 0, width, height), null, null)
                .replace(" " + JFREESVG_NAMESPACE, "");
    }
}
