package dev.layerbench.bench;

import java.util.ArrayList;
import java.util.List;

/** Values of each JMH {@code @Param}; JMH runs their cross product. */
public record ParamGrid(List<Integer> batch, List<Integer> in, List<Integer> out, List<Integer> hidden,
                        List<String> dtype) {
    public int size() {
        return batch.size() * in.size() * out.size() * hidden.size() * dtype.size();
    }

    /** The cross product, one shape per point. */
    public List<BenchmarkShape> shapes() {
        List<BenchmarkShape> shapes = new ArrayList<>();
        for (int b : batch) {
            for (int i : in) {
                for (int o : out) {
                    for (int h : hidden) {
                        for (String d : dtype) {
                            shapes.add(BenchmarkShape.of(b, i, o, h, d));
                        }
                    }
                }
            }
        }
        return shapes;
    }
}
