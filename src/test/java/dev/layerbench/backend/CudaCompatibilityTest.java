package dev.layerbench.backend;

import dev.layerbench.BadInputException;
import dev.layerbench.backend.CudaCompatibility.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NVIDIA's binary and PTX compatibility rules, on ND4J's real architecture set and on small made-up ones. */
class CudaCompatibilityTest {
    @TempDir
    Path dir;

    private static final Path LIBRARY = Path.of("/opt/nd4j/libnd4jcuda.so");

    /** What nd4j-cuda-11.6 1.0.0-M2.1's libnd4jcuda.so carries (read from the real file). */
    private static final CudaFatbin ND4J = CudaFatbin.of(LIBRARY, Set.of(37, 50, 52, 60, 61, 70, 75, 80, 86),
            Set.of());

    @ParameterizedTest(name = "ND4J on {0}: runnable={1}, sm_{2}")
    @CsvSource({
            "3.7, true, 37",
            "5.0, true, 50",
            "5.2, true, 52",
            "5.3, true, 52",    // Jetson Nano: sm_52 code runs on 5.3
            "6.0, true, 60",
            "6.1, true, 61",
            "7.0, true, 70",
            "7.5, true, 75",
            "8.0, true, 80",
            "8.6, true, 86",
            "8.9, true, 86",    // Ada: same major 8, minor 9 >= 6 — sm_86 code runs
            "3.5, false, 0",    // sm_37 needs 3.7; Kepler 3.5 is older
            "9.0, false, 0",    // Hopper: major 9, and no PTX to JIT
            "10.0, false, 0",
            "12.0, false, 0",
    })
    void nd4jArchitectureTable(String capability, boolean runnable, int usedArch) {
        Verdict v = CudaCompatibility.check(ND4J, capability);
        assertEquals(runnable, v.runnable(), v.reason());
        if (runnable) {
            assertTrue(v.reason().contains("machine code for sm_" + usedArch + ","), v.reason());
            assertEquals("", v.advice());
        }
    }

    @Test
    void nd4jOnHopperSaysWhyAndNamesTheHighestCapabilityThatRunsIt() {
        Verdict v = CudaCompatibility.check(ND4J, "9.0");
        assertFalse(v.runnable());
        assertEquals("libnd4jcuda.so has machine code for sm_37, sm_50, sm_52, sm_60, sm_61, sm_70, sm_75, sm_80, sm_86 "
                + "and no PTX; "
                + "a compute capability 9.0 device can run none of it", v.reason());
        assertEquals("use the pytorch-cuda backend, or a GPU of compute capability 8.6 or lower (or a later 8.x)",
                v.advice());
    }

    @Test
    void nd4jOnOldKeplerNamesTheRangesThatRunIt() {
        Verdict v = CudaCompatibility.check(ND4J, "3.5");
        assertFalse(v.runnable());
        assertTrue(v.reason().endsWith("a compute capability 3.5 device can run none of it"), v.reason());
        assertEquals("use the pytorch-cuda backend, or a GPU of compute capability 3.7 to 3.9, 5.0 to 5.9, "
                + "6.0 to 6.9, 7.0 to 7.9, 8.0 to 8.9", v.advice());
    }

    @Test
    void nd4jOnAdaRunsTheSm86CodeThroughBinaryCompatibility() {
        Verdict v = CudaCompatibility.check(ND4J, "8.9");
        assertTrue(v.runnable());
        assertEquals("libnd4jcuda.so has machine code for sm_86, which a compute capability 8.9 device runs "
                + "(machine code runs on later minor versions of the same major version)", v.reason());
    }

    @Test
    void exactMatchNeedsNoExplanation() {
        assertEquals("libnd4jcuda.so has machine code for sm_70, which a compute capability 7.0 device runs",
                CudaCompatibility.check(ND4J, "7.0").reason());
    }

    @Test
    void cubinDoesNotRunOnAnOlderMinorVersion() {
        CudaFatbin only86 = CudaFatbin.of(LIBRARY, Set.of(86), Set.of());
        assertFalse(CudaCompatibility.check(only86, "8.0").runnable());
        assertTrue(CudaCompatibility.check(only86, "8.7").runnable());
    }

    @Test
    void ptxForSm80IsJitCompiledOnHopper() {
        CudaFatbin withPtx = CudaFatbin.of(LIBRARY, Set.of(70), Set.of(80));
        Verdict v = CudaCompatibility.check(withPtx, "9.0");
        assertTrue(v.runnable());
        assertEquals("libnd4jcuda.so has no machine code for compute capability 9.0 but has PTX for compute_80, "
                + "which the driver JIT-compiles for it", v.reason());
        assertTrue(v.advice().contains("JIT") || v.advice().contains("compiles the PTX"), v.advice());
    }

    @Test
    void ptxReadFromAFileIsJitCompiledOnHopper() {
        Path so = FatbinFixtures.library(dir.resolve("libptx.so"), FatbinFixtures.container(FatbinFixtures.ptx(80)));
        assertTrue(CudaCompatibility.check(CudaFatbin.read(so), "9.0").runnable());
    }

    @Test
    void ptxDoesNotRunOnAnOlderDevice() {
        CudaFatbin ptxOnly = CudaFatbin.of(LIBRARY, Set.of(), Set.of(80));
        Verdict v = CudaCompatibility.check(ptxOnly, "7.5");
        assertFalse(v.runnable());
        assertEquals("libnd4jcuda.so has no machine code and PTX for compute_80; a compute capability 7.5 device "
                + "can run none of it", v.reason());
        assertEquals("use the pytorch-cuda backend, or a GPU of compute capability 8.0 or higher", v.advice());
    }

    @Test
    void machineCodeIsPreferredOverPtx() {
        CudaFatbin both = CudaFatbin.of(LIBRARY, Set.of(80, 90), Set.of(80));
        assertTrue(CudaCompatibility.check(both, "9.0").reason().contains("machine code for sm_90"));
        assertTrue(CudaCompatibility.check(both, "8.6").reason().contains("machine code for sm_80"));
        assertTrue(CudaCompatibility.check(both, "10.0").reason().contains("PTX for compute_80"));
    }

    @Test
    void everyContainerNeedsCodeForTheDevice() {
        // One compilation unit built with PTX, another without: on Hopper the second one's kernels cannot load.
        CudaFatbin mixed = CudaFatbin.of(LIBRARY, Set.of(new CudaFatbin.CodeSet(Set.of(80), Set.of(80)),
                new CudaFatbin.CodeSet(Set.of(80, 86), Set.of())));
        assertEquals(Set.of(80, 86), mixed.cubinArchitectures());
        assertTrue(CudaCompatibility.check(mixed, "8.6").runnable());
        Verdict v = CudaCompatibility.check(mixed, "9.0");
        assertFalse(v.runnable());
        assertEquals("libnd4jcuda.so has code for a compute capability 9.0 device in only some of its fatbins; "
                + "those with machine code for sm_80, sm_86 and no PTX cannot run there", v.reason());
        assertEquals("use the pytorch-cuda backend, or a GPU of compute capability 8.6 or lower (or a later 8.x)",
                v.advice());
    }

    @Test
    void containersAreReadFromTheFileOneByOne() {
        byte[] section = FatbinFixtures.concat(
                FatbinFixtures.container(FatbinFixtures.cubin(80), FatbinFixtures.ptx(80)),
                FatbinFixtures.container(FatbinFixtures.cubin(80)));
        CudaFatbin fatbin = CudaFatbin.read(FatbinFixtures.library(dir.resolve("libhalf.so"), section));
        assertTrue(fatbin.hasPtx());
        assertFalse(CudaCompatibility.check(fatbin, "9.0").runnable());
        assertTrue(CudaCompatibility.check(fatbin, "8.0").runnable());
    }

    @Test
    void capabilityWithSurroundingSpacesAsInNvidiaSmiCsv() {
        assertTrue(CudaCompatibility.check(ND4J, " 8.6 ").runnable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9", "sm_90", "9.0.1", "[N/A]", "nine", "9,0", "9.10"})
    void unparsableCapability(String capability) {
        BadInputException e = assertThrows(BadInputException.class, () -> CudaCompatibility.check(ND4J, capability));
        assertTrue(e.getMessage().contains("'" + capability + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("major.minor"), e.getMessage());
    }

    @Test
    void nullCapability() {
        assertThrows(BadInputException.class, () -> CudaCompatibility.check(ND4J, null));
    }
}
