package dev.layerbench.bench;

import java.util.List;

/** Values of each JMH {@code @Param}; JMH runs their cross product. */
public record ParamGrid(List<Integer> batch, List<Integer> in, List<Integer> out, List<Integer> hidden,
                        List<String> dtype) {
    public int size() {
        return batch.size() * in.size() * out.size() * hidden.size() * dtype.size();
    }
}
