package dev.layerbench.backend;

import dev.layerbench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static dev.layerbench.backend.FatbinFixtures.concat;
import static dev.layerbench.backend.FatbinFixtures.container;
import static dev.layerbench.backend.FatbinFixtures.cubin;
import static dev.layerbench.backend.FatbinFixtures.library;
import static dev.layerbench.backend.FatbinFixtures.nd4jCubins;
import static dev.layerbench.backend.FatbinFixtures.patch;
import static dev.layerbench.backend.FatbinFixtures.ptx;
import static dev.layerbench.backend.FatbinFixtures.sectionOffset;
import static dev.layerbench.backend.FatbinFixtures.u32;
import static dev.layerbench.backend.FatbinFixtures.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CudaFatbin} against libraries written by {@link FatbinFixtures}: exact architecture sets back, and one
 * sentence naming the file for every way a file can be wrong.
 */
class FatbinReaderTest {
    @TempDir
    Path dir;

    private static final Set<Integer> ND4J = CudaCompatibility.ND4J_CUDA_CUBINS;

    @Test
    void nd4jLikeLibraryHasMachineCodeUpToSm86AndNoPtx() {
        Path so = library(dir.resolve("libnd4jcuda.so"), container(nd4jCubins()));
        CudaFatbin fatbin = CudaFatbin.read(so);
        assertEquals(ND4J, fatbin.cubinArchitectures());
        assertEquals(List.of(37, 50, 52, 60, 61, 70, 75, 80, 86), List.copyOf(fatbin.cubinArchitectures()));
        assertEquals(Set.of(), fatbin.ptxArchitectures());
        assertFalse(fatbin.hasPtx());
        assertEquals(1, fatbin.containerCount());
        assertEquals(9, fatbin.entryCount());
        assertEquals(so, fatbin.file());
    }

    @Test
    void severalContainersAreAllWalkedAndTheirArchitecturesMerged() {
        // One container per compilation unit, as a linked library has them; architectures repeat across them.
        byte[] section = concat(
                container(cubin(70), cubin(80)),
                container(cubin(80), ptx(80), cubin(86)),
                container(ptx(70)));
        CudaFatbin fatbin = CudaFatbin.read(library(dir.resolve("libmixed.so"), section));
        assertEquals(Set.of(70, 80, 86), fatbin.cubinArchitectures());
        assertEquals(Set.of(70, 80), fatbin.ptxArchitectures());
        assertTrue(fatbin.hasPtx());
        assertEquals(3, fatbin.containerCount());
        assertEquals(6, fatbin.entryCount());
    }

    @Test
    void ptxOnlyLibrary() {
        CudaFatbin fatbin = CudaFatbin.read(library(dir.resolve("libptx.so"), container(ptx(80))));
        assertEquals(Set.of(), fatbin.cubinArchitectures());
        assertEquals(Set.of(80), fatbin.ptxArchitectures());
    }

    @Test
    void longerEntryHeadersOfNewerToolkitsAreSkippedByTheirOwnSize() {
        // CUDA 12.8+ writes 80- and 112-byte entry headers for sm_100 and later; the payload starts after them.
        byte[] section = container(cubin(90), new FatbinFixtures.Entry(FatbinFixtures.KIND_CUBIN, 100, 300, 112),
                new FatbinFixtures.Entry(FatbinFixtures.KIND_PTX, 120, 50, 80), cubin(86));
        CudaFatbin fatbin = CudaFatbin.read(library(dir.resolve("libnew.so"), section));
        assertEquals(Set.of(86, 90, 100), fatbin.cubinArchitectures());
        assertEquals(Set.of(120), fatbin.ptxArchitectures());
    }

    @Test
    void zeroPaddingBetweenContainersIsSkipped() {
        byte[] section = concat(container(cubin(75)), new byte[8], container(cubin(86)), new byte[16]);
        CudaFatbin fatbin = CudaFatbin.read(library(dir.resolve("libpadded.so"), section));
        assertEquals(Set.of(75, 86), fatbin.cubinArchitectures());
        assertEquals(2, fatbin.containerCount());
    }

    @Test
    void entriesOfOtherKindsAreCountedButAreNeitherCubinNorPtx() {
        byte[] section = container(cubin(80), new FatbinFixtures.Entry(8, 80, 40, 64));
        CudaFatbin fatbin = CudaFatbin.read(library(dir.resolve("liblto.so"), section));
        assertEquals(Set.of(80), fatbin.cubinArchitectures());
        assertEquals(Set.of(), fatbin.ptxArchitectures());
        assertEquals(2, fatbin.entryCount());
    }

    @Test
    void toStringListsBothKinds() {
        CudaFatbin fatbin = CudaFatbin.read(library(dir.resolve("libx.so"), container(cubin(86), cubin(37),
                ptx(80))));
        assertEquals("libx.so: cubin sm_37, sm_86; PTX compute_80", fatbin.toString());
    }

    // ---- bad input: one sentence naming the file and the problem -----------------------------------------------

    @Test
    void missingFile() {
        Path missing = dir.resolve("libnone.so");
        assertBadInput(() -> CudaFatbin.read(missing), missing.toString(), "does not exist");
    }

    @Test
    void directoryIsNotALibrary() {
        assertBadInput(() -> CudaFatbin.read(dir), dir.toString(), "not a regular file");
    }

    @Test
    void notAnElfFile() throws IOException {
        Path text = Files.writeString(dir.resolve("libnd4jcuda.so"), "version https://git-lfs.github.com/spec/v1\n");
        assertBadInput(() -> CudaFatbin.read(text), text.toString(), "is not an ELF file");
    }

    @Test
    void tinyFile() throws IOException {
        Path tiny = Files.write(dir.resolve("tiny.so"), new byte[] {0x7F, 'E'});
        assertBadInput(() -> CudaFatbin.read(tiny), tiny.toString(), "is not an ELF file");
    }

    @Test
    void elf32IsRejected() {
        Path so = library(dir.resolve("lib32.so"), container(nd4jCubins()));
        patch(so, 4, java.nio.ByteBuffer.wrap(new byte[] {1}));
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "not a 64-bit little-endian ELF file", "32-bit");
    }

    @Test
    void bigEndianIsRejected() {
        Path so = library(dir.resolve("libbe.so"), container(nd4jCubins()));
        patch(so, 5, java.nio.ByteBuffer.wrap(new byte[] {2}));
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "not a 64-bit little-endian ELF file",
                "big-endian");
    }

    @Test
    void elfWithoutFatbinSectionHasNoDeviceCode() {
        Path so = new FatbinFixtures.ElfBuilder()
                .section(".text", new byte[16])
                .section(".rodata", "hello".getBytes(StandardCharsets.US_ASCII))
                .write(dir.resolve("libcpu.so"));
        assertBadInput(() -> CudaFatbin.read(so), so.toString(),
                "contains no CUDA device code (no .nv_fatbin section)");
    }

    @Test
    void sectionNamedAlikeIsNotTaken() {
        Path so = new FatbinFixtures.ElfBuilder()
                .section(".nv_fatbin.old", container(cubin(86)))
                .section(".nvFatBinSegment", new byte[24])
                .write(dir.resolve("libalike.so"));
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "no .nv_fatbin section");
    }

    @Test
    void badMagicInsideTheSection() {
        Path so = library(dir.resolve("libbadmagic.so"), container(nd4jCubins()));
        patch(so, sectionOffset(so, ".nv_fatbin"), u32(0x12345678));
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "corrupt .nv_fatbin section",
                "0xBA55ED50", "0x12345678");
    }

    @Test
    void badMagicOfTheSecondContainer() {
        byte[] first = container(cubin(80));
        Path so = library(dir.resolve("libbad2.so"), concat(first, container(cubin(86))));
        patch(so, sectionOffset(so, ".nv_fatbin") + first.length, u32(0xDEADBEEF));
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "at section offset " + first.length,
                "0xDEADBEEF");
    }

    @Test
    void fatbinSizeBeyondTheSection() {
        Path so = library(dir.resolve("libbig.so"), container(nd4jCubins()));
        patch(so, sectionOffset(so, ".nv_fatbin") + 8, u64(1L << 40));
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "truncated or corrupt fatbin", "1099511627776");
    }

    @Test
    void entryPayloadBeyondItsFatbin() {
        Path so = library(dir.resolve("libentry.so"), container(cubin(70), cubin(86)));
        patch(so, sectionOffset(so, ".nv_fatbin") + 16 + 8, u64(1_000_000));
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "corrupt fatbin entry at section offset 16",
                "1000000-byte payload");
    }

    @Test
    void entryHeaderSizeZeroCannotLoopForever() {
        Path so = library(dir.resolve("libzero.so"), container(cubin(70)));
        patch(so, sectionOffset(so, ".nv_fatbin") + 16 + 4, u32(0));
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "corrupt fatbin entry", "0-byte header");
    }

    @Test
    void truncatedFatbinHeaderAtTheEndOfTheSection() {
        byte[] section = concat(container(cubin(86)), new byte[] {0x50, (byte) 0xED, 0x55, (byte) 0xBA, 1, 0});
        Path so = library(dir.resolve("libtail.so"), section);
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "truncated fatbin", "a fatbin header needs 16");
    }

    @Test
    void unknownFatbinVersion() {
        Path so = library(dir.resolve("libv2.so"), container(cubin(86)));
        patch(so, sectionOffset(so, ".nv_fatbin") + 4, java.nio.ByteBuffer.wrap(new byte[] {2, 0}));
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "fatbin of version 2");
    }

    @Test
    void sectionOfZerosHoldsNoFatbin() {
        Path so = library(dir.resolve("libempty.so"), new byte[64]);
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "holds no fatbin");
    }

    @Test
    void fileCutShortBeforeItsSectionHeaders() throws IOException {
        Path so = library(dir.resolve("libcut.so"), container(nd4jCubins()));
        byte[] all = Files.readAllBytes(so);
        Files.write(so, java.util.Arrays.copyOf(all, all.length / 2));
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "truncated or corrupt ELF file");
    }

    @Test
    void sectionPointingBeyondTheFile() {
        Path so = library(dir.resolve("libfar.so"), container(cubin(86)));
        long fatbinSize = container(cubin(86)).length;
        // .nv_fatbin is section 2 (after the null section and .text); its sh_size is at +32 in its header.
        long table = java.nio.ByteBuffer.wrap(readAll(so)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0x28);
        patch(so, table + 2 * 64 + 32, u64(fatbinSize + (1L << 32)));
        assertBadInput(() -> CudaFatbin.read(so), so.toString(), "its .nv_fatbin section", "lies beyond");
    }

    // ---- the real library, when there is one -------------------------------------------------------------------

    /**
     * Run with {@code -Dlayerbench.cudaLibrary=/path/to/libnd4jcuda.so} (from nd4j-cuda-11.6-1.0.0-M2.1-linux-
     * x86_64.jar, 905 MB) to check the reader against the file this was written for. It reads only headers
     * (228 containers, 2052 entries), so it takes well under a second.
     */
    @Test
    @EnabledIfSystemProperty(named = "layerbench.cudaLibrary", matches = ".+")
    void realNd4jCudaLibrary() {
        CudaFatbin fatbin = CudaFatbin.read(Path.of(System.getProperty("layerbench.cudaLibrary")));
        assertEquals(ND4J, fatbin.cubinArchitectures(), fatbin.toString());
        assertFalse(fatbin.hasPtx(), fatbin.toString());
        assertEquals(228, fatbin.containerCount());
        assertEquals(2052, fatbin.entryCount());
        assertFalse(CudaCompatibility.check(fatbin, "9.0").runnable());
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertBadInput(Executable action, String... expectedParts) {
        BadInputException e = assertThrows(BadInputException.class, action);
        for (String part : expectedParts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should contain '" + part + "'");
        }
        assertTrue(e.getMessage().endsWith("."), "'" + e.getMessage() + "' should be one full sentence");
    }
}
