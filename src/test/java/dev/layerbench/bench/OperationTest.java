package dev.layerbench.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OperationTest {
    @Test
    void flopsCountTheMatrixProductsOfEachOperation() {
        BenchmarkShape single = BenchmarkShape.of(128, 784, 10, 0, "float32");
        double product = 2.0 * 128 * 784 * 10;
        assertEquals(product, Operation.FORWARD.flops(single), 0.0);
        assertEquals(product, Operation.BACKWARD.flops(single), 0.0, "dW only: no layer below needs dX");
        assertEquals(2 * product, Operation.TRAIN_STEP.flops(single), 0.0);
        assertEquals(product, Operation.GEMM.flops(single), 0.0);

        BenchmarkShape hidden = BenchmarkShape.of(32, 784, 10, 64, "float64");
        double first = 2.0 * 32 * 784 * 64;
        double second = 2.0 * 32 * 64 * 10;
        assertEquals(first + second, Operation.FORWARD.flops(hidden), 0.0);
        assertEquals(first + 2 * second, Operation.BACKWARD.flops(hidden), 0.0, "dW₁, dW₂ and dA₁");
        assertEquals(first, Operation.GEMM.flops(hidden), 0.0);
    }
}
