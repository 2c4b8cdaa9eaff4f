package dev.layerbench.report;

import dev.layerbench.results.SaddleRow;
import org.jfree.chart.JFreeChart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The saddle figure ({@code saddle.svg} and the report): updates until test accuracy left the majority share
 * against the initial weight scale, one panel for uniform ±scale starts and one for constant ones, one line per
 * activation (its colour) and dtype (float32 solid, float64 dashed). The x axis is logarithmic; the all-zero start
 * belongs to both panels and is drawn at the left edge, ticked "0". A start that never left within the budget is
 * drawn above the budget, on a grey line labelled "never".
 */
public final class SaddleFigure {
    public static final String FILE_NAME = "saddle.svg";
    /** "Never" is drawn this factor above the step budget, clear of every measured step. */
    static final double NEVER_ABOVE = 1.1;

    private SaddleFigure() {
    }

    /** The two panels, sharing their ranges; the first backend's rows, as the study's other figures. */
    public static List<JFreeChart> panels(List<SaddleRow> rows) {
        List<SaddleRow> shown = rows.isEmpty() ? rows
                : rows.stream().filter(r -> r.backend().equals(rows.get(0).backend())).toList();
        List<SaddleRow> hidden = shown.stream().filter(r -> r.hidden() > 0).toList();
        if (hidden.isEmpty()) {
            return List.of();
        }
        double zeroAt = hidden.stream().filter(r -> r.initScale() > 0).mapToDouble(SaddleRow::initScale).min()
                .orElse(1.0) / 10;
        int budget = hidden.stream().mapToInt(SaddleRow::stepBudget).max().orElseThrow();
        double never = budget * NEVER_ABOVE;
        List<String> dtypes = new ArrayList<>(new LinkedHashSet<>(hidden.stream().map(SaddleRow::dtype).sorted()
                .toList()));
        List<JFreeChart> panels = new ArrayList<>();
        for (String kind : List.of("uniform", "constant")) {
            Map<String, Charts.Series> series = new LinkedHashMap<>();
            hidden.stream().filter(r -> r.initKind().equals("zero") || r.initKind().equals(kind))
                    .forEach(r -> series.computeIfAbsent(SaddleMarkdown.column(r), name -> Charts.Series.of(name,
                                    Palette.activation(r.activation()), dtypes.indexOf(r.dtype())))
                            .add(r.initScale() > 0 ? r.initScale() : zeroAt,
                                    r.stepsToLeave() < 0 ? never : r.stepsToLeave()));
            JFreeChart panel = Charts.xy((kind.equals("uniform") ? "weights uniform ±scale" : "weights constant = scale")
                            + ", " + hidden.get(0).hidden() + " hidden units", new Charts.Scale(
                            "initial weight scale (0 = all-zero start)", true), new Charts.Scale(
                            "updates until test accuracy left the majority share", false),
                    List.copyOf(series.values()), false, true, true);
            Charts.zeroAtLeftEdge(panel, zeroAt);
            Charts.line(panel, never, "never within " + budget + " updates", Color.GRAY, 1);
            shown.stream().filter(r -> r.hidden() == 0 && r.stepsToLeave() >= 0).findFirst().ifPresent(linear ->
                    Charts.line(panel, linear.stepsToLeave(), String.format(Locale.US,
                            "softmax regression from zero: %d", linear.stepsToLeave()), Color.BLACK, 2));
            panels.add(panel);
        }
        Charts.shareRanges(panels);
        return panels;
    }

    /** Both panels as one SVG, for saddle.svg; empty without rows. */
    public static String svg(List<SaddleRow> rows) {
        List<JFreeChart> panels = panels(rows);
        return panels.isEmpty() ? "" : Charts.svgRow(panels);
    }
}
