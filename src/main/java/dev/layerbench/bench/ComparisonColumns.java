package dev.layerbench.bench;

import dev.layerbench.backend.Backend;
import dev.layerbench.results.TimingRow;
import java.util.List;
import java.util.Optional;

/**
 * Fills each row's comparison columns once every backend has reported: % of the GEMM ceiling measured on the
 * same backend for the same shape, and the ratio to PyTorch's time for the same operation and shape (all
 * backends so far run on the CPU, so PyTorch's CPU row is every row's peer). A missing partner leaves NaN,
 * written as an empty cell — never a guess.
 */
public final class ComparisonColumns {
    private ComparisonColumns() {
    }

    public static List<TimingRow> fill(List<TimingRow> rows) {
        return rows.stream().map(row -> row.withComparisons(
                find(rows, row.backend(), Implementation.GEMM.label(), Operation.GEMM.label(), row)
                        .map(ceiling -> 100 * row.gflops() / ceiling.gflops()).orElse(Double.NaN),
                find(rows, peer(row).label(), Implementation.PYTORCH.label(), row.op(), row)
                        .map(peer -> row.usPerOp() / peer.usPerOp()).orElse(Double.NaN)))
                .toList();
    }

    /** PyTorch on the same kind of device: a GPU row is compared with PyTorch on the GPU. */
    private static Backend peer(TimingRow row) {
        boolean gpu = java.util.Arrays.stream(Backend.values())
                .anyMatch(b -> b.label().equals(row.backend()) && b.gpu());
        return gpu ? Backend.PYTORCH_CUDA : Backend.PYTORCH_CPU;
    }

    private static Optional<TimingRow> find(List<TimingRow> rows, String backend, String impl, String op,
                                            TimingRow like) {
        return rows.stream().filter(r -> r.backend().equals(backend) && r.impl().equals(impl)
                && r.op().equals(op) && r.sameShape(like)).findFirst();
    }
}
