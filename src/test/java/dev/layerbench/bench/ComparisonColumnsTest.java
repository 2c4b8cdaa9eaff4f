package dev.layerbench.bench;

import dev.layerbench.results.ForkSample;
import dev.layerbench.results.TimingRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonColumnsTest {
    /** A row of two forks × five iterations spread ±1% around {@code us}. */
    private static TimingRow row(String backend, String impl, String op, int batch, int threads, double us) {
        List<ForkSample> forks = new ArrayList<>();
        for (int fork = 1; fork <= 2; fork++) {
            List<Double> iterations = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                iterations.add(us * (0.99 + 0.005 * i));
            }
            forks.add(new ForkSample(backend, impl, op, batch, 784, 10, 0, "float32", threads, fork, fork, iterations,
                    0));
        }
        return TimingRow.of(forks, 1e6, 0.05);
    }

    @Test
    void ceilingIsTheSumOfTheSameBackendsProductsAtTheSameThreadCount() {
        List<TimingRow> filled = ComparisonColumns.fill(List.of(
                row("cpu", "own", "train_step", 128, 1, 40),
                row("cpu", "gemm", "gemm:l1.xw", 128, 1, 10),
                row("cpu", "gemm", "gemm:l1.xtg", 128, 1, 20),
                row("cpu", "own", "train_step", 128, 2, 40),
                row("cpu", "own", "forward", 128, 1, 5)));

        TimingRow step = filled.get(0);
        assertEquals(30.0, step.ceilingUs(), 1e-9, "X·W and Xᵀ·G");
        assertEquals(75.0, step.pctOfCeiling(), 1e-9);
        assertFalse(step.aboveCeiling());
        assertTrue(Double.isNaN(filled.get(3).pctOfCeiling()), "no ceiling measured at 2 threads");
        TimingRow forward = filled.get(4);
        assertEquals(200.0, forward.pctOfCeiling(), 1e-9);
        assertTrue(forward.aboveCeiling(), "5 µs against a 10 µs product it performs: not a ceiling");
    }

    @Test
    void peerIsPytorchOfTheSameOpShapeAndThreadCountWithAVerdict() {
        List<TimingRow> filled = ComparisonColumns.fill(List.of(
                row("cpu", "own", "forward", 128, 1, 40),
                row("pytorch-cpu", "pytorch", "forward", 128, 1, 80),
                row("cpu", "own", "forward", 128, 2, 40),
                row("cpu", "gemm", "gemm:l1.xw", 128, 1, 10),
                row("pytorch-cpu", "gemm", "gemm:l1.xw", 128, 1, 10)));

        TimingRow own = filled.get(0);
        assertEquals(0.5, own.ratioToPytorch(), 1e-9);
        assertTrue(own.ratioLow() < 0.5 && own.ratioHigh() > 0.5, own.ratioLow() + " " + own.ratioHigh());
        assertEquals("faster", own.vsPytorch());
        assertTrue(own.pValue() < 0.01, "p = " + own.pValue());
        assertTrue(Double.isNaN(filled.get(1).ratioToPytorch()), "PyTorch is not compared with itself");
        assertEquals("", filled.get(2).vsPytorch(), "no PyTorch row at 2 threads: no verdict");
        assertEquals("same", filled.get(3).vsPytorch(), "equal ceilings are not told apart");
    }
}
