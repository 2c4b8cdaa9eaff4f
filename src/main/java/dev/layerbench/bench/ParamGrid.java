package dev.layerbench.bench;

import java.util.ArrayList;
import java.util.List;

/** Values of each JMH {@code @Param}; bench measures their cross product, one JMH run per point. */
public record ParamGrid(List<Integer> batch, List<Integer> in, List<Integer> out, List<Integer> hidden,
                        List<String> dtype) {
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
