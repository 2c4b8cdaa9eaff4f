package dev.layerbench.model;

import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where an ND4J host array lives: its first element's native address, and a direct {@link ByteBuffer} over the
 * elements from there to the end of its buffer — both remembered for the last {@link #KNOWN} buffers seen.
 *
 * <p>Why remember: asking ND4J for an address allocates (a JavaCPP pointer for the primary buffer, a PagedPointer,
 * a typed view: ~600 B of heap, most of a small layer's garbage when done per product), and so does wrapping it
 * in a ByteBuffer; a buffer never moves, and a network's arrays are the same dozen on every call. A view's buffer
 * already starts at the view's first element (adding offset() would count it twice). Holding the buffers here
 * keeps each alive until {@link #KNOWN} newer ones have been seen; callers still fence their arrays while native
 * code or a ByteBuffer works on them, since neither the address nor the ByteBuffer holds the array.
 *
 * <p>The ByteBuffer's capacity is what {@link #elementsFrom} allows, so a Java loop that strays past an array
 * gets an IndexOutOfBoundsException, never another array's memory. Not thread-safe: one per network.
 */
final class HostBuffers {
    /**
     * Buffers remembered. A two-layer train step touches about twenty arrays (inputs, targets, per layer its
     * weights, bias, ones, pre-activation, activation and their gradients, the flat parameters and gradients): with
     * 16 the oldest were forgotten every step and re-asked of ND4J (3.2 KB of heap per step, seen with JFR).
     */
    private static final int KNOWN = 32;

    private final DataBuffer[] known = new DataBuffer[KNOWN];
    private final long[] knownAddress = new long[KNOWN];
    private final ByteBuffer[] knownBytes = new ByteBuffer[KNOWN];
    private int nextKnown;

    /** The native address of the array's first element. */
    long address(INDArray array) {
        return knownAddress[slot(array)];
    }

    /** The array's elements from its first to its buffer's end, in native byte order, as a direct buffer. */
    ByteBuffer bytes(INDArray array) {
        int slot = slot(array);
        if (knownBytes[slot] == null) {
            long bytes = elementsFrom(array) * array.data().getElementSize();
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a host array of " + bytes + " bytes is beyond a ByteBuffer: "
                        + array.shapeInfoToString());
            }
            knownBytes[slot] = new BytePointer() {
                {
                    address = knownAddress[slot];
                }
            }.capacity(bytes).asByteBuffer().order(ByteOrder.nativeOrder());
        }
        return knownBytes[slot];
    }

    /**
     * How many elements a native call or a loop may touch from the array's first element: its buffer's length,
     * bounded by the underlying allocation should a view's own length ever claim more.
     */
    static long elementsFrom(INDArray array) {
        DataBuffer data = array.data();
        return Math.min(data.length(), data.underlyingLength() - data.originalOffset());
    }

    private int slot(INDArray array) {
        DataBuffer data = array.data();
        for (int i = 0; i < KNOWN; i++) {
            if (known[i] == data) {
                return i;
            }
        }
        int slot = nextKnown;
        known[slot] = data;
        knownAddress[slot] = data.addressPointer().address();
        knownBytes[slot] = null;
        nextKnown = (nextKnown + 1) % KNOWN;
        return slot;
    }
}
