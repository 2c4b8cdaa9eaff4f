package dev.layerbench.bench;

import dev.layerbench.backend.Backend;
import dev.layerbench.backend.LoadedBackend;
import dev.layerbench.results.AgreementRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agreement pass on the two CPU backends the test JVM can load, ND4J's cpu build and libtorch: every quantity
 * of both shapes and dtypes gets a row, float64 agrees with the float64 reference to rounding, float32 to
 * float32's precision — and not exactly, or the float32 rows would not be float32 arithmetic.
 */
class BackendAgreementTest {
    static {
        System.setProperty("ai.djl.offline", "true");
    }

    /** logits, loss, dW1, db1, drift; with a hidden layer dW2 and db2 more: 12 per dtype. */
    private static final List<String> QUANTITIES = List.of("logits", "loss", "dW1", "db1", BackendAgreement.DRIFT,
            "logits", "loss", "dW1", "db1", "dW2", "db2", BackendAgreement.DRIFT);

    @Test
    void nd4jCpuAgreesWithTheFloat64Reference() {
        List<AgreementRow> rows = BackendAgreement.measure(LoadedBackend.nd4j(), "abc123");
        check(rows, "cpu", "own");
        assertTrue(rows.get(0).mathMode().contains("BLAS"), rows.get(0).mathMode());
    }

    @Test
    void pytorchCpuAgreesWithTheFloat64Reference() {
        List<AgreementRow> rows = BackendAgreement.measure(TorchDenseNetwork.loadedBackend(Backend.PYTORCH_CPU),
                "abc123");
        check(rows, "pytorch-cpu", "pytorch");
        assertTrue(rows.get(0).mathMode().startsWith("libtorch "), rows.get(0).mathMode());
    }

    private static void check(List<AgreementRow> rows, String backend, String impl) {
        assertEquals(2 * QUANTITIES.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            AgreementRow r = rows.get(i);
            String dtype = i < QUANTITIES.size() ? "float32" : "float64";
            assertEquals(List.of(backend, impl, dtype, QUANTITIES.get(i % QUANTITIES.size()), "abc123", 1),
                    List.of(r.backend(), r.impl(), r.dtype(), r.quantity(), r.commit(), r.threads()), r.toString());
            assertTrue(r.mathMode().endsWith(dtype + " throughout"), r.mathMode());
            assertTrue(r.maxAbsErr() >= 0 && r.maxRelErr() >= 0, r.toString());
            if (dtype.equals("float64")) {
                assertTrue(r.maxRelErr() < 1e-10, r.toString());
            } else {
                assertTrue(r.maxRelErr() < 1e-4, r.toString());
            }
        }
        assertTrue(rows.stream().filter(r -> r.dtype().equals("float32")).allMatch(r -> r.maxRelErr() > 0),
                "float32 arithmetic rounds somewhere in every quantity: " + rows);
    }
}
