package dev.layerbench.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class OutOfMemoryMessageTest {
    @Test
    void recognisesTheJvmsAndTheAllocatorsOutOfMemoryAnywhereInTheChain() {
        assertNotNull(Layerbench.outOfMemory(new IllegalStateException("op failed", new OutOfMemoryError("heap"))));
        assertNotNull(Layerbench.outOfMemory(new RuntimeException("cudaMalloc failed: out of memory (2)")));
        assertNotNull(Layerbench.outOfMemory(new RuntimeException("Failed to allocate 4000000000 bytes")));
        assertNull(Layerbench.outOfMemory(new IllegalArgumentException("shape mismatch")));
    }
}
