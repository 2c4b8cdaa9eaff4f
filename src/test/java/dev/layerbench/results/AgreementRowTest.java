package dev.layerbench.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgreementRowTest {
    @Test
    void theCsvHasAColumnPerFieldExactNumbersAndAnInfiniteErrorAsAnEmptyCell() {
        String csv = AgreementRow.csv(List.of(
                new AgreementRow("cpu", "own", "float32", 32, 784, 10, 64, 1, "dW1", 1.25e-9, 3.5e-7,
                        "ND4J CpuBackend, native build linux-x86_64, BLAS OPENBLAS, float32 throughout", "abc123"),
                new AgreementRow("pytorch-cuda", "pytorch", "float32", 32, 784, 10, 0, 1, "logits",
                        Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, "libtorch 2.4.0", null)));
        assertEquals("backend,impl,dtype,batch,in,out,hidden,threads,quantity,max_abs_err,max_rel_err,math_mode,"
                + "commit\n"
                + "cpu,own,float32,32,784,10,64,1,dW1,1.25E-9,3.5E-7,\"ND4J CpuBackend, native build linux-x86_64, "
                + "BLAS OPENBLAS, float32 throughout\",abc123\n"
                + "pytorch-cuda,pytorch,float32,32,784,10,0,1,logits,,,libtorch 2.4.0,null\n", csv);
    }

    @Test
    void aRowWithoutItsLabelsIsNamedAsLacking() {
        assertEquals(null, new AgreementRow("cpu", "own", "float64", 1, 1, 2, 0, 1, "loss", 0, 0, "m", "c").lacks());
        assertEquals("a backend, impl, dtype, quantity or math mode",
                new AgreementRow("cpu", "own", "float64", 1, 1, 2, 0, 1, null, 0, 0, "m", "c").lacks());
    }
}
