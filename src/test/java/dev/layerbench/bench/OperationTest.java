package dev.layerbench.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An operation's FLOPs are its products' — counted as each implementation computes them. */
class OperationTest {
    @Test
    void flopsCountTheMatrixProductsOfEachOperation() {
        BenchmarkShape single = BenchmarkShape.of(128, 784, 10, 0, "float32");
        double product = 2.0 * 128 * 784 * 10;
        assertEquals(product, Product.flops(Implementation.OWN, Operation.FORWARD, single), 0.0);
        assertEquals(product, Product.flops(Implementation.OWN, Operation.BACKWARD, single), 0.0,
                "dW only: no layer below needs dX");
        assertEquals(2 * product, Product.flops(Implementation.OWN, Operation.TRAIN_STEP, single), 0.0);
        assertEquals(3 * product, Product.flops(Implementation.DL4J, Operation.TRAIN_STEP, single), 0.0,
                "DL4J's layer computes dX as well");

        BenchmarkShape hidden = BenchmarkShape.of(32, 784, 10, 64, "float64");
        double first = 2.0 * 32 * 784 * 64;
        double second = 2.0 * 32 * 64 * 10;
        assertEquals(first + second, Product.flops(Implementation.PYTORCH, Operation.FORWARD, hidden), 0.0);
        assertEquals(first + 2 * second, Product.flops(Implementation.OWN, Operation.BACKWARD, hidden), 0.0,
                "dW₁, dW₂ and dA₁");
    }
}
