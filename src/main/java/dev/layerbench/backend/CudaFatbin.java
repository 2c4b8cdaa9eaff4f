package dev.layerbench.backend;

import dev.layerbench.BadInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The GPU architectures compiled into a CUDA shared library, read from the library file itself — no GPU, no
 * driver, no CUDA toolkit needed.
 *
 * <p>Why: a CUDA library only runs on a GPU it carries code for. ND4J's only CUDA release ({@code nd4j-cuda-11.6}
 * 1.0.0-M2.1) ships {@code libnd4jcuda.so} with machine code for sm_37 … sm_86 and no PTX, so it cannot run on
 * Hopper (sm_90) — and the failure only shows at the first kernel launch. {@code layerbench doctor} reads the
 * library to say so up front; {@link CudaCompatibility} turns what is read here into a verdict.
 *
 * <p>What is read: nvcc puts a host library's device code in the ELF section {@code .nv_fatbin}, a concatenation
 * of fatbin containers. Each container is a 16-byte header followed by entries; each entry is a header followed
 * by its payload — a cubin (an ELF of machine code for one SM architecture) or PTX (virtual-ISA text the driver
 * can JIT-compile for the same or any newer GPU). Only the headers are read; payloads are skipped by seeking, so
 * a 905 MB library costs under 100 KB of reads. Payloads are often compressed (all 2052 entries of
 * ND4J's library are; newer toolkits use zstd); that does not matter here because the entry header, which is
 * never compressed, already says the kind and the architecture.
 *
 * <p>Only {@code .nv_fatbin} is read. {@code __nv_relfatbin} holds relocatable device code (nvcc {@code -rdc})
 * of object files, which nvlink must first device-link; the linked result is what lands in {@code .nv_fatbin}
 * and what the CUDA runtime loads.
 */
public final class CudaFatbin {

    // ---- ELF64 (System V gABI, "ELF-64 Object File Format"): the fields we need and their offsets ----------------
    private static final int ELF_HEADER_BYTES = 64;
    private static final byte ELFCLASS64 = 2;
    private static final byte ELFDATA2LSB = 1;
    private static final int E_SHOFF = 0x28;      // u64: file offset of the section header table
    private static final int E_SHENTSIZE = 0x3A;  // u16: bytes per section header (64 for ELF64)
    private static final int E_SHNUM = 0x3C;      // u16: number of sections; 0 = the count is in section 0's sh_size
    private static final int E_SHSTRNDX = 0x3E;   // u16: index of .shstrtab; 0xFFFF = it is in section 0's sh_link
    private static final int SHN_XINDEX = 0xFFFF;
    private static final int SECTION_HEADER_BYTES = 64;
    private static final int SH_NAME = 0;         // u32: offset of the name in .shstrtab
    private static final int SH_TYPE = 4;         // u32
    private static final int SH_OFFSET = 24;      // u64: where the section's bytes are in the file
    private static final int SH_SIZE = 32;        // u64
    private static final int SH_LINK = 40;        // u32
    private static final int SHT_NOBITS = 8;      // a section that takes no space in the file (.bss)
    private static final long MAX_SECTION_NAMES_BYTES = 16L << 20;
    private static final long MAX_SECTIONS = 1L << 20;

    static final String FATBIN_SECTION = ".nv_fatbin";

    // ---- Fatbin container header (CUDA's fatbinary.h, struct fatBinaryHeader) ------------------------------------
    //   u32 magic 0xBA55ED50 | u16 version (1) | u16 headerSize (16) | u64 fatSize (bytes after the header)
    static final int FATBIN_MAGIC = 0xBA55ED50;
    static final int FATBIN_VERSION = 1;
    static final int FATBIN_HEADER_BYTES = 16;

    // ---- Fatbin entry header: layout not published by NVIDIA. Based on ----------------------------------------------
    //   * n-eiling/cuda-fatbin-decompression, fatbin-decompress.h, struct fat_text_header (commit 1173e7de):
    //       u16 kind | u16 unknown | u32 header_size | u64 fatbin_size (padded payload) | u64 compressed_size
    //       | u16 minor | u16 major | u32 arch | u32 obj_name_offset | u32 obj_name_len | u64 flags | u64 zero
    //       | u64 decompressed_size                                                         = 64 bytes
    //   * gtcasl/gpuocelot, ocelot/cuda/interface/cudaFatBinary.h, struct __cudaFatCudaBinary2EntryRec, the same
    //     layout with kind and unknown read as one u32 "type" and arch as "unknown4"; kinds 1 = PTX, 2 = ELF.
    //   * checked against nvcc's generated *.fatbin.c (".quad 0x00100001ba55ed50,...,0x0000004001010002,...
    //     0x0000004600010007"): kind 2, header size 0x40, code version 1.7, arch 0x46 = 70, as cuobjdump prints
    //     "arch = sm_70, code version = [1,7]".
    //   * checked against the real libnd4jcuda.so (all 228 containers: cubins sm_37 ... sm_86, 64-byte headers) and
    //     against libraries built here with nvcc 13.0, where each cubin's own ELF e_flags (bits 8-15) names the
    //     same SM as the arch field, and PTX, sm_100 (96/112-byte headers) and -rdc builds read as expected.
    //   Headers are 64 bytes up to sm_90; newer toolkits write longer ones for sm_100+ (80 or 112 bytes, per
    //   GrigoryEvko/nvopen-tools fatbin/FORMAT_SPECIFICATION.md), so the next entry is found through header_size,
    //   never by assuming 64.
    static final int ENTRY_KIND = 0;              // u16
    static final int ENTRY_HEADER_SIZE = 4;       // u32: entry header bytes; the payload follows
    static final int ENTRY_PAYLOAD_SIZE = 8;      // u64: payload bytes incl. padding; the next entry follows
    static final int ENTRY_ARCH = 28;             // u32: SM architecture, 10 * major + minor (86 = sm_86)
    static final int ENTRY_MIN_HEADER_BYTES = 32; // everything up to and including arch
    static final int KIND_PTX = 1;
    static final int KIND_CUBIN = 2;

    private final Path file;
    private final SortedSet<Integer> cubinArchitectures;
    private final SortedSet<Integer> ptxArchitectures;
    private final Set<CodeSet> containerCodeSets;
    private final int containers;
    private final int entries;

    /**
     * What one fatbin container carries. Each container holds the kernels of one compilation unit, and the
     * runtime loads each on its own: a library runs on a device only if every container has code for it.
     */
    record CodeSet(Set<Integer> cubin, Set<Integer> ptx) {
        CodeSet {
            cubin = Collections.unmodifiableSortedSet(new TreeSet<>(cubin));
            ptx = Collections.unmodifiableSortedSet(new TreeSet<>(ptx));
        }
    }

    private CudaFatbin(Path file, Set<CodeSet> containerCodeSets, int containers, int entries) {
        SortedSet<Integer> cubin = new TreeSet<>();
        SortedSet<Integer> ptx = new TreeSet<>();
        for (CodeSet c : containerCodeSets) {
            cubin.addAll(c.cubin());
            ptx.addAll(c.ptx());
        }
        this.file = file;
        this.cubinArchitectures = Collections.unmodifiableSortedSet(cubin);
        this.ptxArchitectures = Collections.unmodifiableSortedSet(ptx);
        this.containerCodeSets = Set.copyOf(containerCodeSets);
        this.containers = containers;
        this.entries = entries;
    }

    /** What {@link #read} would return for a library with these architectures; for tests and callers that know. */
    static CudaFatbin of(Path file, Set<Integer> cubinArchitectures, Set<Integer> ptxArchitectures) {
        return new CudaFatbin(file, Set.of(new CodeSet(cubinArchitectures, ptxArchitectures)), 1, 0);
    }

    /** Like {@link #of(Path, Set, Set)}, with containers that carry different code. */
    static CudaFatbin of(Path file, Set<CodeSet> containerCodeSets) {
        return new CudaFatbin(file, containerCodeSets, containerCodeSets.size(), 0);
    }

    /**
     * Reads the fatbin headers of an ELF64 little-endian shared library (Linux x86-64 or aarch64).
     *
     * @throws BadInputException if the file is missing, not such an ELF file, has no {@code .nv_fatbin} section,
     *                           or the fatbin in it is truncated or corrupt; the message names the file
     */
    public static CudaFatbin read(Path sharedLibrary) {
        if (!Files.exists(sharedLibrary)) {
            throw new BadInputException("CUDA library " + sharedLibrary + " does not exist.");
        }
        if (!Files.isRegularFile(sharedLibrary)) {
            throw new BadInputException("CUDA library " + sharedLibrary + " is not a regular file.");
        }
        try (FileChannel channel = FileChannel.open(sharedLibrary, StandardOpenOption.READ)) {
            return new Reader(sharedLibrary, channel).read();
        } catch (IOException e) {
            throw new BadInputException("CUDA library " + sharedLibrary + " could not be read: " + e.getMessage()
                    + ".", e);
        }
    }

    /** The file this was read from. */
    public Path file() {
        return file;
    }

    /** SM architectures with machine code (cubin), ascending; 86 means sm_86. */
    public Set<Integer> cubinArchitectures() {
        return cubinArchitectures;
    }

    /** SM architectures with PTX, ascending; the driver can JIT-compile these for the same or newer GPUs. */
    public Set<Integer> ptxArchitectures() {
        return ptxArchitectures;
    }

    public boolean hasPtx() {
        return !ptxArchitectures.isEmpty();
    }

    /** The distinct combinations of code the containers carry; for ND4J, all 228 carry the same nine cubins. */
    Set<CodeSet> containerCodeSets() {
        return containerCodeSets;
    }

    /** How many fatbin containers the section holds (one per compilation unit with device code). */
    public int containerCount() {
        return containers;
    }

    /** How many entries all containers hold together, of every kind (including kinds neither cubin nor PTX). */
    public int entryCount() {
        return entries;
    }

    /** "sm_37, sm_50, sm_86" — how nvcc and cuobjdump name architectures. */
    static String smList(Set<Integer> architectures) {
        StringBuilder out = new StringBuilder();
        for (int arch : architectures) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append("sm_").append(arch);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return file.getFileName() + ": cubin " + (cubinArchitectures.isEmpty() ? "none" : smList(cubinArchitectures))
                + "; PTX " + (ptxArchitectures.isEmpty() ? "none" : smList(ptxArchitectures).replace("sm_",
                "compute_"));
    }

    /** One pass over one file: ELF section headers, then the fatbin section's container and entry headers. */
    private static final class Reader {
        private final Path file;
        private final FileChannel channel;
        private final long fileBytes;

        Reader(Path file, FileChannel channel) throws IOException {
            this.file = file;
            this.channel = channel;
            this.fileBytes = channel.size();
        }

        CudaFatbin read() throws IOException {
            long[] section = findFatbinSection();
            return walkFatbins(section[0], section[1]);
        }

        /** {offset, size} of .nv_fatbin, from the ELF section header table. */
        private long[] findFatbinSection() throws IOException {
            if (fileBytes < 4) {
                throw bad("is not an ELF file (it is only " + fileBytes + " bytes long)");
            }
            ByteBuffer head = readAt(0, (int) Math.min(ELF_HEADER_BYTES, fileBytes));
            if (head.get(0) != 0x7F || head.get(1) != 'E' || head.get(2) != 'L' || head.get(3) != 'F') {
                throw bad("is not an ELF file (it does not start with 0x7F 'E' 'L' 'F')");
            }
            if (fileBytes < ELF_HEADER_BYTES) {
                throw bad("is a truncated ELF file (" + fileBytes + " bytes, shorter than its 64-byte header)");
            }
            byte elfClass = head.get(4);
            byte elfData = head.get(5);
            if (elfClass != ELFCLASS64 || elfData != ELFDATA2LSB) {
                throw bad("is not a 64-bit little-endian ELF file (it is " + (elfClass == 1 ? "32-bit"
                        : elfClass == ELFCLASS64 ? "64-bit" : "of ELF class " + elfClass) + " " + (elfData == 2
                        ? "big-endian" : elfData == ELFDATA2LSB ? "little-endian" : "of ELF data encoding "
                        + elfData) + ")");
            }
            long tableOffset = head.getLong(E_SHOFF);
            int entrySize = Short.toUnsignedInt(head.getShort(E_SHENTSIZE));
            long count = Short.toUnsignedInt(head.getShort(E_SHNUM));
            int namesIndex = Short.toUnsignedInt(head.getShort(E_SHSTRNDX));
            if (tableOffset == 0) {
                throw bad("has no section header table (it may have been stripped to its program headers), "
                        + "so its " + FATBIN_SECTION + " section cannot be found");
            }
            if (entrySize < SECTION_HEADER_BYTES) {
                throw bad("is a corrupt ELF file (section headers of " + entrySize + " bytes, 64 expected)");
            }
            checkInFile(tableOffset, entrySize, "its section header table");
            ByteBuffer first = readAt(tableOffset, SECTION_HEADER_BYTES);
            if (count == 0) {                       // more than 0xFF00 sections: the real count is in section 0
                count = first.getLong(SH_SIZE);
            }
            if (namesIndex == SHN_XINDEX) {
                namesIndex = first.getInt(SH_LINK);
            }
            if (count <= 0 || count > MAX_SECTIONS || count > (fileBytes - tableOffset) / entrySize) {
                throw bad("is a truncated or corrupt ELF file (its section header table of " + count
                        + " entries does not fit in the file)");
            }
            int sections = (int) count;
            if (namesIndex <= 0 || namesIndex >= sections) {
                throw bad("is a corrupt ELF file (section-name table index " + namesIndex + " is not one of its "
                        + sections + " sections)");
            }
            ByteBuffer table = readAt(tableOffset, Math.multiplyExact(sections, entrySize));

            int namesAt = namesIndex * entrySize;
            long namesOffset = table.getLong(namesAt + SH_OFFSET);
            long namesBytes = table.getLong(namesAt + SH_SIZE);
            if (namesBytes < 0 || namesBytes > MAX_SECTION_NAMES_BYTES) {
                throw bad("is a corrupt ELF file (its section-name table claims " + Long.toUnsignedString(namesBytes)
                        + " bytes)");
            }
            checkInFile(namesOffset, namesBytes, "its section-name table");
            ByteBuffer names = readAt(namesOffset, (int) namesBytes);

            for (int i = 0; i < sections; i++) {
                int at = i * entrySize;
                if (!FATBIN_SECTION.equals(name(names, table.getInt(at + SH_NAME)))) {
                    continue;
                }
                if (table.getInt(at + SH_TYPE) == SHT_NOBITS) {
                    throw bad("has a " + FATBIN_SECTION + " section with no bytes in the file (type NOBITS)");
                }
                long offset = table.getLong(at + SH_OFFSET);
                long size = table.getLong(at + SH_SIZE);
                checkInFile(offset, size, "its " + FATBIN_SECTION + " section");
                return new long[] {offset, size};
            }
            throw bad("contains no CUDA device code (no " + FATBIN_SECTION + " section)");
        }

        private CudaFatbin walkFatbins(long sectionOffset, long sectionBytes) throws IOException {
            Set<CodeSet> codeSets = new HashSet<>();
            int containers = 0;
            int entries = 0;
            long end = sectionOffset + sectionBytes;
            long at = sectionOffset;
            while (at < end) {
                int available = (int) Math.min(FATBIN_HEADER_BYTES, end - at);
                ByteBuffer header = readAt(at, available);
                int zeros = leadingZeroBytes(header);
                if (zeros > 0) {                    // alignment padding the linker put between two containers
                    at += zeros;
                    continue;
                }
                long where = at - sectionOffset;
                if (available < FATBIN_HEADER_BYTES) {
                    throw bad("has a truncated fatbin in its " + FATBIN_SECTION + " section (only " + available
                            + " bytes left at section offset " + where + ", a fatbin header needs 16)");
                }
                int magic = header.getInt(0);
                if (magic != FATBIN_MAGIC) {
                    throw bad("has a corrupt " + FATBIN_SECTION + " section (at section offset " + where
                            + " the fatbin magic 0xBA55ED50 was expected, found 0x" + hex(magic) + ")");
                }
                int version = Short.toUnsignedInt(header.getShort(4));
                if (version != FATBIN_VERSION) {
                    throw bad("has a fatbin of version " + version + " at section offset " + where
                            + ", which layerbench cannot read (only version 1 is known)");
                }
                int headerBytes = Short.toUnsignedInt(header.getShort(6));
                long fatBytes = header.getLong(8);
                if (headerBytes < FATBIN_HEADER_BYTES || fatBytes < 0 || fatBytes > end - at - headerBytes) {
                    throw bad("has a truncated or corrupt fatbin at section offset " + where + " of its "
                            + FATBIN_SECTION + " section (it claims " + headerBytes + " + "
                            + Long.toUnsignedString(fatBytes) + " bytes, the section has " + (end - at) + " left)");
                }
                containers++;
                SortedSet<Integer> cubin = new TreeSet<>();
                SortedSet<Integer> ptx = new TreeSet<>();
                long entry = at + headerBytes;
                long containerEnd = entry + fatBytes;
                while (entry < containerEnd) {
                    long entryWhere = entry - sectionOffset;
                    if (containerEnd - entry < ENTRY_MIN_HEADER_BYTES) {
                        throw bad("has a truncated fatbin entry at section offset " + entryWhere + " of its "
                                + FATBIN_SECTION + " section (" + (containerEnd - entry) + " bytes left in the "
                                + "fatbin, an entry header needs at least " + ENTRY_MIN_HEADER_BYTES + ")");
                    }
                    ByteBuffer e = readAt(entry, ENTRY_MIN_HEADER_BYTES);
                    int kind = Short.toUnsignedInt(e.getShort(ENTRY_KIND));
                    long entryHeaderBytes = Integer.toUnsignedLong(e.getInt(ENTRY_HEADER_SIZE));
                    long payloadBytes = e.getLong(ENTRY_PAYLOAD_SIZE);
                    long room = containerEnd - entry;
                    if (entryHeaderBytes < ENTRY_MIN_HEADER_BYTES || entryHeaderBytes > room || payloadBytes < 0
                            || payloadBytes > room - entryHeaderBytes) {
                        throw bad("has a corrupt fatbin entry at section offset " + entryWhere + " of its "
                                + FATBIN_SECTION + " section (it claims a " + entryHeaderBytes + "-byte header and "
                                + Long.toUnsignedString(payloadBytes) + "-byte payload, the fatbin has " + room
                                + " bytes left)");
                    }
                    int arch = e.getInt(ENTRY_ARCH);
                    if (kind == KIND_CUBIN) {
                        cubin.add(arch);
                    } else if (kind == KIND_PTX) {
                        ptx.add(arch);
                    }                               // other kinds (e.g. LTO IR) run on no device as they are
                    entries++;
                    entry += entryHeaderBytes + payloadBytes;
                }
                codeSets.add(new CodeSet(cubin, ptx));
                at = containerEnd;
            }
            if (containers == 0) {
                throw bad("contains no CUDA device code (its " + FATBIN_SECTION + " section holds no fatbin)");
            }
            return new CudaFatbin(file, codeSets, containers, entries);
        }

        private static int leadingZeroBytes(ByteBuffer buffer) {
            int zeros = 0;
            while (zeros < buffer.limit() && buffer.get(zeros) == 0) {
                zeros++;
            }
            return zeros;
        }

        private static String name(ByteBuffer names, int offset) {
            if (offset < 0 || offset >= names.limit()) {
                return "";
            }
            int stop = offset;
            while (stop < names.limit() && names.get(stop) != 0) {
                stop++;
            }
            byte[] bytes = new byte[stop - offset];
            names.get(offset, bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        private void checkInFile(long offset, long bytes, String what) {
            if (offset < 0 || bytes < 0 || offset > fileBytes || bytes > fileBytes - offset) {
                throw bad("is a truncated or corrupt ELF file (" + what + " at offset "
                        + Long.toUnsignedString(offset) + ", " + Long.toUnsignedString(bytes)
                        + " bytes, lies beyond its " + fileBytes + " bytes)");
            }
        }

        private ByteBuffer readAt(long offset, int bytes) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
            long position = offset;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw bad("ended early: " + bytes + " bytes were expected at offset " + offset);
                }
                position += n;
            }
            return buffer.flip();
        }

        private BadInputException bad(String problem) {
            return new BadInputException("CUDA library " + file + " " + problem + ".");
        }

        private static String hex(int value) {
            return String.format(Locale.US, "%08X", value);
        }
    }
}
