package dev.layerbench.bench;

import dev.layerbench.model.Dtype;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The products each implementation's operations perform, at B = 4, I = 8, O = 3, and H = 5 where hidden. */
class ProductTest {
    private static final BenchmarkShape SINGLE = BenchmarkShape.of(4, 8, 3, 0, "float32");
    private static final BenchmarkShape HIDDEN = BenchmarkShape.of(4, 8, 3, 5, "float32");

    // layer, kind, m, n, k, transposeA, transposeB
    // the own layer stores Wᵀ (O×I): X·(Wᵀ)ᵀ, dWᵀ = Gᵀ·X, G·Wᵀ
    private static final Product XW = new Product("l1", "xw", 4, 3, 8, false, true);
    private static final Product XTG = new Product("l1", "xtg", 3, 8, 4, true, false);
    private static final Product GWT = new Product("l1", "gwt", 4, 8, 3, false, false);

    private static final Product XW1 = new Product("l1", "xw", 4, 5, 8, false, true);
    private static final Product XW2 = new Product("l2", "xw", 4, 3, 5, false, true);
    private static final Product XTG2 = new Product("l2", "xtg", 3, 5, 4, true, false);
    private static final Product GWT2 = new Product("l2", "gwt", 4, 5, 3, false, false);
    private static final Product XTG1 = new Product("l1", "xtg", 5, 8, 4, true, false);
    private static final Product GWT1 = new Product("l1", "gwt", 4, 8, 5, false, false);

    @Test
    void withoutAHiddenLayerOwnAndPytorchSkipTheInputGradientAndDl4jComputesIt() {
        for (Implementation impl : List.of(Implementation.OWN, Implementation.PYTORCH)) {
            assertEquals(List.of(XW), Product.of(impl, Operation.FORWARD, SINGLE), impl + " forward");
            assertEquals(List.of(XTG), Product.of(impl, Operation.BACKWARD, SINGLE), impl + " backward");
            assertEquals(List.of(XW, XTG), Product.of(impl, Operation.TRAIN_STEP, SINGLE), impl + " train step");
        }
        assertEquals(List.of(XW), Product.of(Implementation.DL4J, Operation.FORWARD, SINGLE));
        assertEquals(List.of(XW, XTG, GWT), Product.of(Implementation.DL4J, Operation.TRAIN_STEP, SINGLE));
    }

    @Test
    void withAHiddenLayerTheSecondLayerPassesItsGradientDown() {
        for (Implementation impl : List.of(Implementation.OWN, Implementation.PYTORCH)) {
            assertEquals(List.of(XW1, XW2), Product.of(impl, Operation.FORWARD, HIDDEN), impl + " forward");
            assertEquals(List.of(XTG2, GWT2, XTG1), Product.of(impl, Operation.BACKWARD, HIDDEN), impl + " backward");
            assertEquals(List.of(XW1, XW2, XTG2, GWT2, XTG1), Product.of(impl, Operation.TRAIN_STEP, HIDDEN),
                    impl + " train step");
        }
        assertEquals(List.of(XW1, XW2, XTG2, GWT2, XTG1, GWT1),
                Product.of(Implementation.DL4J, Operation.TRAIN_STEP, HIDDEN));
    }

    @ParameterizedTest(name = "hidden={0}")
    @ValueSource(ints = {0, 5})
    void dl4jsTrainStepHasOneProductMore(int hidden) {
        BenchmarkShape shape = BenchmarkShape.of(4, 8, 3, hidden, "float32");
        double firstInputGradient = 2.0 * 4 * 8 * (hidden > 0 ? hidden : 3);
        assertEquals(Product.flops(Implementation.OWN, Operation.TRAIN_STEP, shape) + firstInputGradient,
                Product.flops(Implementation.DL4J, Operation.TRAIN_STEP, shape), 0.0);
    }

    /** A ceiling row waits once per Product.PER_WAIT products: no operation may have more, or its sum is no floor. */
    @ParameterizedTest
    @ValueSource(ints = {0, 64})
    void noOperationHasMoreProductsThanACeilingRowQueuesPerWait(int hidden) {
        BenchmarkShape shape = new BenchmarkShape(128, 784, 10, hidden, Dtype.FLOAT32);
        for (Implementation impl : List.of(Implementation.OWN, Implementation.DL4J, Implementation.PYTORCH)) {
            for (Operation op : List.of(Operation.FORWARD, Operation.BACKWARD, Operation.TRAIN_STEP)) {
                int products = Product.of(impl, op, shape).size();
                assertTrue(products >= 1 && products <= Product.PER_WAIT, impl + " " + op + ": " + products);
            }
        }
    }

    @Test
    void operandsAreStoredAsTheLayerStoresThem() {
        assertArrayEquals(new long[]{4, 3}, XTG.shapeOfA(), "Gᵀ·X reads G as it is, B×O");
        assertArrayEquals(new long[]{4, 8}, XTG.shapeOfB(), "and X as it is, B×I");
        assertArrayEquals(new long[]{4, 3}, GWT.shapeOfA());
        assertArrayEquals(new long[]{3, 8}, GWT.shapeOfB(), "G·Wᵀ reads the stored Wᵀ as it is, O×I");
        assertArrayEquals(new long[]{4, 8}, XW.shapeOfA());
        assertArrayEquals(new long[]{3, 8}, XW.shapeOfB(), "X·(Wᵀ)ᵀ reads the stored Wᵀ, O×I");
    }

    @ParameterizedTest(name = "hidden={0}")
    @ValueSource(ints = {0, 5})
    void everyDistinctLabelParsesBackToItsProduct(int hidden) {
        BenchmarkShape shape = BenchmarkShape.of(4, 8, 3, hidden, "float32");
        List<Product> distinct = Product.distinct(shape, List.of(Implementation.values()));
        assertEquals(hidden > 0 ? 6 : 3, distinct.size(), distinct.toString());
        for (Product product : distinct) {
            assertEquals(product, Product.parse(product.label(), shape), product.label());
        }
    }

    @Test
    void parseRefusesASecondLayerWithoutAHiddenOneAndUnknownProducts() {
        assertThrows(IllegalArgumentException.class, () -> Product.parse("gemm:l2.xw", SINGLE));
        assertThrows(IllegalArgumentException.class, () -> Product.parse("gemm:l1.wx", SINGLE));
        assertThrows(IllegalArgumentException.class, () -> Product.parse("gemm:l3.xw", HIDDEN));
    }
}
