package dev.layerbench.report;

import dev.layerbench.BadInputException;
import dev.layerbench.results.Json;
import dev.layerbench.results.SaddleResult;
import dev.layerbench.results.SaddleRow;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The saddle section: its text and table from the rows, its figure, and saddle.json read back with the study. */
class SaddleReportTest {
    @TempDir
    Path tmp;

    /** sigmoid in both dtypes: never from zero; ±10⁻⁴ … ±0.1 leave after 370, 210, 130, 10; constants never. */
    private static List<SaddleRow> rows() {
        List<SaddleRow> rows = new ArrayList<>();
        for (String dtype : List.of("float32", "float64")) {
            rows.add(row(0, "-", dtype, "zero", 0, 5, 5, 0.8975));
            rows.add(row(16, "sigmoid", dtype, "zero", 0, -1, -1, 0.5));
            int[] leave = {370, 210, 130, 10};
            for (int i = 0; i < 4; i++) {
                double scale = Math.pow(10, i - 4);
                rows.add(row(16, "sigmoid", dtype, "uniform", scale, leave[i], i == 3 ? 80 : leave[i], 0.9));
                rows.add(row(16, "sigmoid", dtype, "constant", scale, -1, -1, 0.5));
            }
        }
        return rows;
    }

    private static SaddleRow row(int hidden, String activation, String dtype, String kind, double scale, int leave,
                                 int level, double finalAccuracy) {
        String init = kind.equals("zero") ? "zero" : kind + ":" + scale;
        return new SaddleRow("balanced", hidden, activation, dtype, kind, scale, init, "cpu", 500, 5, 400, 0.5, 0.58,
                0.8975, 0.85775, leave, level, finalAccuracy);
    }

    @Test
    void theSectionStatesTheRulesAndWhatTheRowsMeasured() {
        String md = SaddleMarkdown.of(rows());
        assertTrue(md.startsWith("## The saddle at zero weights (scenario balanced, 16 hidden units, backend cpu)"),
                md);
        assertTrue(md.contains("trains for 500 updates") && md.contains("every 5 updates on 400 test rows"), md);
        assertTrue(md.contains("**left the majority share** at 58.0% (32 more correct rows"), md);
        assertTrue(md.contains("softmax regression's final test accuracy (89.8% in float32"), md);
        assertTrue(md.contains("- sigmoid float64: final test accuracy 50.0%, never left the majority share within "
                + "500 updates."), md);
        // steps 370, 210, 130, 10 against −log10(scale) 4, 3, 2, 1: least-squares slope 580 / 5 = 116.
        assertTrue(md.contains("- sigmoid: 10⁻⁴ → 370, 0.001 → 210, 0.01 → 130, 0.1 → 10; about 116 more updates "
                + "per tenfold smaller scale."), md);
        assertTrue(md.contains("float32 and float64 give the same step counts in 9 of 9 starts"), md);
        assertTrue(md.contains("| start | sigmoid float32 | sigmoid float64 |"), md);
        assertTrue(md.contains("| uniform ±0.1 | 10 / 80 | 10 / 80 |"), md);
        assertTrue(md.contains("| constant 10⁻⁴ | never / never | never / never |"), md);
        assertEquals("", SaddleMarkdown.of(List.of()), "a study without the balanced scenario has no section");
    }

    @Test
    void theFigureDrawsZeroAtTheLeftEdgeAndNeverAboveTheBudget() {
        List<JFreeChart> panels = SaddleFigure.panels(rows());
        assertEquals(2, panels.size(), "uniform and constant");
        for (JFreeChart panel : panels) {
            XYDataset data = panel.getXYPlot().getDataset();
            assertEquals(2, data.getSeriesCount(), "sigmoid float32 and float64");
            assertEquals("sigmoid float32", data.getSeriesKey(0));
            assertEquals(1e-5, data.getXValue(0, 0), 1e-20, "the zero start a decade left of 10⁻⁴");
            assertEquals(550.0, data.getYValue(0, 0), "never: 1.1 × the 500-update budget");
            assertTrue(ticks(panel).contains("0"), "the zero start is ticked 0: " + ticks(panel));
            assertTrue(!ticks(panel).contains("10⁻⁵"), "no power of ten where zero is: " + ticks(panel));
        }
        assertEquals(370.0, panels.get(0).getXYPlot().getDataset().getYValue(0, 1));
        assertEquals(550.0, panels.get(1).getXYPlot().getDataset().getYValue(0, 1), "constant 10⁻⁴ never left");
        assertTrue(SaddleFigure.svg(rows()).startsWith("<svg") && SaddleFigure.svg(rows()).contains(
                Palette.css(Palette.activation("sigmoid"))), "one SVG, drawn in sigmoid's colour");
    }

    @Test
    void saddleJsonIsReadBackWithTheStudyAndADamagedOneIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("study"));
        Files.copy(ReportHtmlTest.STUDY.resolve("study.json"), dir.resolve("study.json"));
        Files.copy(ReportHtmlTest.STUDY.resolve("curves.csv"), dir.resolve("curves.csv"));
        assertEquals(List.of(), StudyResults.read(dir).saddle(), "a study from before the measurement");

        Files.writeString(dir.resolve(SaddleResult.FILE_NAME), Json.write(new SaddleResult(SaddleResult.SCHEMA_VERSION,
                SaddleResult.KIND, "2026-12-02T00:00:00Z", Map.of("seed", 42), null, rows())));
        StudyResults.Study study = StudyResults.read(dir);
        assertEquals(rows(), study.saddle());
        String html = HtmlReport.render(List.of(new ReportInput.Study(dir, study)), "");
        assertTrue(html.contains("<h3>The saddle at zero weights (scenario balanced, 16 hidden units, backend cpu)"
                + "</h3>"), "the section");
        assertTrue(html.contains("<tr><th>uniform ±0.1</th><td>10 / 80</td><td>10 / 80</td></tr>"), "its table");
        assertTrue(html.contains("weights constant = scale, 16 hidden units"), "its figure");

        Files.writeString(dir.resolve(SaddleResult.FILE_NAME), "{\"schemaVersion\": 1, \"kind\": \"saddle\", "
                + "\"rows\": [{\"hidden\": 16}]}");
        BadInputException e = assertThrows(BadInputException.class, () -> StudyResults.read(dir));
        assertTrue(e.getMessage().contains("saddle.json: rows[0] lacks"), e.getMessage());
    }

    /** The checked-in quick study: the zero-init sigmoid in float64 stalls at exactly the majority share. */
    @Test
    void theReferenceQuickStudyHoldsItsSaddleRows() {
        List<SaddleRow> rows = StudyResults.read(ReportHtmlTest.STUDY).saddle();
        assertEquals(2 * (1 + 3 * 9), rows.size(), "per dtype: softmax regression, then 3 activations × 9 starts");
        SaddleRow sigmoid = rows.stream().filter(r -> r.activation().equals("sigmoid") && r.dtype().equals("float64")
                && r.initKind().equals("zero")).findFirst().orElseThrow();
        assertEquals(-1, sigmoid.stepsToLeave());
        assertEquals(sigmoid.majorityShare(), sigmoid.finalTestAccuracy());
        assertEquals(500, sigmoid.stepBudget());
    }

    private static List<String> ticks(JFreeChart chart) {
        ValueAxis axis = chart.getXYPlot().getDomainAxis();
        BufferedImage image = new BufferedImage(700, 400, BufferedImage.TYPE_INT_RGB);
        chart.draw(image.createGraphics(), new Rectangle(700, 400));
        List<String> labels = new ArrayList<>();
        for (Object tick : axis.refreshTicks(image.createGraphics(), new org.jfree.chart.axis.AxisState(),
                new Rectangle(60, 20, 600, 300), RectangleEdge.BOTTOM)) {
            labels.add(((NumberTick) tick).getText());
        }
        return labels;
    }
}
