package dev.layerbench.backend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small but well-formed ELF64 little-endian shared libraries with a {@code .nv_fatbin} section, laid out
 * the way nvcc and the linker lay them out (see {@link CudaFatbin} for the format and its sources), so the reader
 * can be tested without a 905 MB ND4J library or a CUDA toolkit.
 */
final class FatbinFixtures {
    private FatbinFixtures() {
    }

    static final int KIND_PTX = 1;
    static final int KIND_CUBIN = 2;

    /** One fatbin entry: kind, architecture (86 = sm_86), payload bytes before padding, entry header bytes. */
    record Entry(int kind, int arch, int payloadBytes, int headerBytes) {
    }

    static Entry cubin(int arch) {
        return new Entry(KIND_CUBIN, arch, 100 + arch, 64);
    }

    static Entry ptx(int arch) {
        return new Entry(KIND_PTX, arch, 37, 64);
    }

    /**
     * The nine architectures of nd4j-cuda-11.6 1.0.0-M2.1's libnd4jcuda.so, as read from the real file: each of
     * its 228 fatbin containers carries exactly these cubins (all compressed) and no PTX.
     */
    static final int[] ND4J_CUDA_ARCHS = {37, 50, 52, 60, 61, 70, 75, 80, 86};

    static Entry[] nd4jCubins() {
        Entry[] entries = new Entry[ND4J_CUDA_ARCHS.length];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = cubin(ND4J_CUDA_ARCHS[i]);
        }
        return entries;
    }

    /** One fatbin container: the 16-byte header, then each entry header and its payload padded to 8 bytes. */
    static byte[] container(Entry... entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Entry e : entries) {
            int padded = (e.payloadBytes() + 7) & ~7;
            ByteBuffer h = le(e.headerBytes());
            h.putShort(0, (short) e.kind());
            h.putShort(2, (short) 0x0101);
            h.putInt(4, e.headerBytes());
            h.putLong(8, padded);
            h.putLong(16, 0);                       // compressed size: 0 = not compressed
            h.putShort(24, (short) 7);              // code version 1.7, as nvcc 11 writes it
            h.putShort(26, (short) 1);
            h.putInt(28, e.arch());
            h.putLong(40, 0x11);                    // flags seen in nvcc output (64-bit, Linux host)
            body.writeBytes(h.array());
            byte[] payload = new byte[padded];
            byte[] marker = (e.kind() == KIND_PTX ? ".version 7.6\n" : "\u007fELF").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(marker, 0, payload, 0, Math.min(marker.length, e.payloadBytes()));
            body.writeBytes(payload);
        }
        ByteBuffer header = le(16);
        header.putInt(0, CudaFatbin.FATBIN_MAGIC);
        header.putShort(4, (short) 1);
        header.putShort(6, (short) 16);
        header.putLong(8, body.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A shared library with .text, the given .nv_fatbin contents, .data and .shstrtab. */
    static Path library(Path file, byte[] fatbinSection) {
        return new ElfBuilder()
                .section(".text", new byte[] {(byte) 0xC3, 0, 0, 0, 0, 0, 0, 0})
                .section(".nv_fatbin", fatbinSection)
                .section(".data", new byte[] {1, 2, 3, 4})
                .write(file);
    }

    /** Builds an ELF64 LE file: header, section contents, .shstrtab, then the section header table at the end. */
    static final class ElfBuilder {
        private final List<String> names = new ArrayList<>();
        private final List<byte[]> contents = new ArrayList<>();

        ElfBuilder section(String name, byte[] bytes) {
            names.add(name);
            contents.add(bytes);
            return this;
        }

        Path write(Path file) {
            List<String> allNames = new ArrayList<>(names);
            allNames.add(".shstrtab");
            ByteArrayOutputStream strtab = new ByteArrayOutputStream();
            strtab.write(0);                            // index 0: the empty name of the null section
            int[] nameOffsets = new int[allNames.size()];
            for (int i = 0; i < allNames.size(); i++) {
                nameOffsets[i] = strtab.size();
                strtab.writeBytes(allNames.get(i).getBytes(StandardCharsets.US_ASCII));
                strtab.write(0);
            }
            List<byte[]> allContents = new ArrayList<>(contents);
            allContents.add(strtab.toByteArray());

            ByteArrayOutputStream data = new ByteArrayOutputStream();
            data.writeBytes(new byte[64]);              // the ELF header, filled in below
            long[] offsets = new long[allContents.size()];
            for (int i = 0; i < allContents.size(); i++) {
                pad8(data);
                offsets[i] = data.size();
                data.writeBytes(allContents.get(i));
            }
            pad8(data);
            long tableOffset = data.size();
            int sectionCount = allContents.size() + 1;  // plus the null section at index 0
            data.writeBytes(new byte[64]);
            for (int i = 0; i < allContents.size(); i++) {
                ByteBuffer sh = le(64);
                sh.putInt(0, nameOffsets[i]);
                boolean names = i == allContents.size() - 1;
                sh.putInt(4, names ? 3 : 1);            // SHT_STRTAB or SHT_PROGBITS
                sh.putLong(8, names ? 0 : 2);           // SHF_ALLOC
                sh.putLong(16, names ? 0 : offsets[i]); // sh_addr: loaded where it lies, as in a simple .so
                sh.putLong(24, offsets[i]);
                sh.putLong(32, allContents.get(i).length);
                sh.putLong(48, names ? 1 : 8);          // sh_addralign
                data.writeBytes(sh.array());
            }
            byte[] bytes = data.toByteArray();
            ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            h.put(0, (byte) 0x7F).put(1, (byte) 'E').put(2, (byte) 'L').put(3, (byte) 'F');
            h.put(4, (byte) 2);                         // ELFCLASS64
            h.put(5, (byte) 1);                         // ELFDATA2LSB
            h.put(6, (byte) 1);                         // EV_CURRENT
            h.putShort(16, (short) 3);                  // ET_DYN: a shared library
            h.putShort(18, (short) 62);                 // EM_X86_64
            h.putInt(20, 1);
            h.putLong(0x28, tableOffset);
            h.putShort(0x34, (short) 64);               // e_ehsize
            h.putShort(0x36, (short) 56);               // e_phentsize (no program headers here)
            h.putShort(0x3A, (short) 64);
            h.putShort(0x3C, (short) sectionCount);
            h.putShort(0x3E, (short) (sectionCount - 1));
            try {
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }

        private static void pad8(ByteArrayOutputStream out) {
            while (out.size() % 8 != 0) {
                out.write(0);
            }
        }
    }

    /** Where a section's bytes start in a file written by {@link ElfBuilder}: found the way a reader would. */
    static long sectionOffset(Path file, String name) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            long table = b.getLong(0x28);
            int count = Short.toUnsignedInt(b.getShort(0x3C));
            int strndx = Short.toUnsignedInt(b.getShort(0x3E));
            long strtab = b.getLong((int) (table + strndx * 64L + 24));
            for (int i = 0; i < count; i++) {
                int at = (int) (table + i * 64L);
                int nameAt = (int) (strtab + b.getInt(at));
                StringBuilder s = new StringBuilder();
                while (b.get(nameAt) != 0) {
                    s.append((char) b.get(nameAt++));
                }
                if (s.toString().equals(name)) {
                    return b.getLong(at + 24);
                }
            }
            throw new IllegalArgumentException(file + " has no section " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overwrites bytes of a file in place — to corrupt a fixture one field at a time. */
    static void patch(Path file, long offset, ByteBuffer bytes) {
        try {
            byte[] all = Files.readAllBytes(file);
            byte[] patch = new byte[bytes.remaining()];
            bytes.duplicate().get(patch);
            System.arraycopy(patch, 0, all, (int) offset, patch.length);
            Files.write(file, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer u32(int value) {
        return le(4).putInt(0, value);
    }

    static ByteBuffer u64(long value) {
        return le(8).putLong(0, value);
    }
}
