package dev.layerbench.bench;

import dev.layerbench.results.TimingRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonColumnsTest {
    private static TimingRow row(String backend, String impl, String op, int batch, double us) {
        BenchmarkShape shape = BenchmarkShape.of(batch, 784, 10, 0, "float32");
        double flops = Operation.ofMethod(op.equals("train_step") ? "trainStep" : op).flops(shape);
        return new TimingRow(backend, impl, op, batch, 784, 10, 0, "float32", us, 1, flops, 0, Double.NaN,
                Double.NaN);
    }

    @Test
    void ceilingIsTheSameBackendsGemmAndPeerIsPytorchOfTheSameOpAndShape() {
        List<TimingRow> filled = ComparisonColumns.fill(List.of(
                row("cpu", "own", "forward", 128, 40),
                row("cpu", "gemm", "gemm", 128, 20),
                row("pytorch-cpu", "gemm", "gemm", 128, 10),
                row("pytorch-cpu", "pytorch", "forward", 128, 80),
                row("cpu", "own", "forward", 32, 40)));

        TimingRow own = filled.get(0);
        assertEquals(50.0, own.pctOfCeiling(), 1e-9, "same FLOPs in twice the gemm's time");
        assertEquals(0.5, own.ratioToPytorch(), 1e-12);
        assertEquals(100.0, filled.get(1).pctOfCeiling(), 1e-9);
        assertEquals(1.0, filled.get(3).ratioToPytorch(), 0.0);
        assertTrue(Double.isNaN(filled.get(4).pctOfCeiling()), "no gemm row of batch 32: no ceiling");
        assertTrue(Double.isNaN(filled.get(4).ratioToPytorch()));
    }
}
