package dev.layerbench.bench;

import dev.layerbench.backend.Backend;
import dev.layerbench.model.Labelled;
import dev.layerbench.results.SpeedComparison;
import dev.layerbench.results.TimingRow;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills each row's comparison columns once every backend has reported, pairing only rows of the same shape, dtype
 * and thread count; a missing partner leaves NaN, written as an empty cell — never a guess.
 *
 * <ul>
 *   <li>Ceiling: the sum of the medians of the same backend's ceiling rows for the products the row's operation
 *       performs ({@link Product#of}); {@code pctOfCeiling} = 100 · ceiling / row. A row is above its ceiling
 *       when even the slow end of its interval beats the sum of the ceilings' fast ends.</li>
 *   <li>PyTorch: the pytorch row of the same operation on the same kind of device (a ceiling row: PyTorch's
 *       ceiling row of the same product), compared by {@link SpeedComparison}.</li>
 * </ul>
 */
public final class ComparisonColumns {
    private ComparisonColumns() {
    }

    public static List<TimingRow> fill(List<TimingRow> rows) {
        Map<String, TimingRow> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.key(), r));
        return rows.stream().map(row -> withPeer(withCeiling(row, byKey), byKey)).toList();
    }

    private static TimingRow withCeiling(TimingRow row, Map<String, TimingRow> byKey) {
        if (row.op().startsWith(Product.CEILING_PREFIX)) {
            return row;
        }
        BenchmarkShape shape = BenchmarkShape.of(row.batch(), row.in(), row.out(), row.hidden(), row.dtype());
        List<Product> products = Product.of(Labelled.parse(Implementation.class, row.impl(), "impl"),
                Labelled.parse(Operation.class, row.op(), "op"), shape);
        double ceiling = 0;
        double fastest = 0;
        for (Product product : products) {
            TimingRow c = byKey.get(TimingRow.key(row.backend(), Implementation.GEMM.label(), product.label(),
                    row.batch(), row.in(), row.out(), row.hidden(), row.dtype(), row.threads()));
            if (c == null) {
                return row;
            }
            ceiling += c.usPerOp();
            fastest += Double.isFinite(c.ciLowUs()) ? c.ciLowUs() : c.usPerOp();
        }
        boolean above = Double.isFinite(row.ciHighUs()) && row.ciHighUs() < fastest;
        return row.withCeiling(ceiling, 100 * ceiling / row.usPerOp(), above);
    }

    private static TimingRow withPeer(TimingRow row, Map<String, TimingRow> byKey) {
        if (row.impl().equals(Implementation.PYTORCH.label())) {
            return row;
        }
        boolean ceiling = row.op().startsWith(Product.CEILING_PREFIX);
        Backend peerBackend = peer(row);
        if (ceiling && row.backend().equals(peerBackend.label())) {
            return row;
        }
        TimingRow peer = byKey.get(TimingRow.key(peerBackend.label(),
                ceiling ? Implementation.GEMM.label() : Implementation.PYTORCH.label(), row.op(), row.batch(),
                row.in(), row.out(), row.hidden(), row.dtype(), row.threads()));
        return peer == null ? row : row.withPeer(SpeedComparison.of(row.keptSamplesUs(), peer.keptSamplesUs()));
    }

    /** PyTorch on the same kind of device: a GPU row is compared with PyTorch on the GPU. */
    private static Backend peer(TimingRow row) {
        boolean gpu = Arrays.stream(Backend.values()).anyMatch(b -> b.label().equals(row.backend()) && b.gpu());
        return gpu ? Backend.PYTORCH_CUDA : Backend.PYTORCH_CPU;
    }
}
