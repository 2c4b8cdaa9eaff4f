package dev.layerbench.report;

import dev.layerbench.results.AgreementRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgreementTableTest {
    private static AgreementRow row(String dtype, int hidden, String quantity, double relative) {
        return new AgreementRow("cpu", "own", dtype, 32, 784, 10, hidden, 1, quantity, relative / 2, relative,
                "BLAS OPENBLAS, " + dtype + " throughout", "abc");
    }

    @Test
    void aLinePerBackendDtypeAndShapeWithTheWorstGradientNamed() {
        List<AgreementRow> rows = List.of(row("float32", 64, "logits", 1.04e-7), row("float32", 64, "loss", 2e-8),
                row("float32", 64, "dW1", 3e-7), row("float32", 64, "db1", 1e-6), row("float32", 64, "dW2", 2e-7),
                row("float32", 64, "db2", 5e-7), row("float32", 64, "params-after-100-steps", 4.44e-6),
                row("float64", 0, "logits", 1e-16), row("float64", 0, "dW1", Double.NaN));

        assertEquals(List.of(
                List.of("cpu", "own", "float32", "32×784→64→10", "1.0e-07", "2.0e-08", "1.0e-06 (db1)", "4.4e-06"),
                List.of("cpu", "own", "float64", "32×784→10", "1.0e-16", "", "not finite (dW1)", "")),
                AgreementTable.lines(rows));
        assertEquals(List.of("cpu float32: BLAS OPENBLAS, float32 throughout",
                "cpu float64: BLAS OPENBLAS, float64 throughout"), AgreementTable.mathModes(rows));
    }

    @Test
    void theMarkdownSectionIsATableTheMathModesAndWhatTheNumbersAre() {
        String md = AgreementTable.markdown(List.of(row("float32", 0, "logits", 1.04e-7)));
        assertTrue(md.startsWith("### Agreement with a float64 reference\n\n| backend | impl | dtype | shape | logits "
                + "| loss | gradients (worst) | params after 100 SGD steps |\n"), md);
        assertTrue(md.contains("| cpu | own | float32 | 32×784→10 | 1.0e-07 |  |  |  |\n"), md);
        assertTrue(md.contains("- cpu float32: BLAS OPENBLAS, float32 throughout\n"), md);
        assertTrue(md.contains("max|x − r| / max|r|"), md);
        assertEquals("", AgreementTable.markdown(List.of()), "no section without rows");
    }
}
