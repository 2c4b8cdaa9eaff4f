package dev.layerbench.data;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How numbers appear in messages and provenance strings: the same on every machine, whatever its locale. */
final class Numbers {
    private Numbers() {
    }

    /** Shortest plain form, always with a '.' decimal point: 0.92, 1.5, 0, NaN, Infinity. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value); // DecimalFormat would write the infinity sign
        }
        return new DecimalFormat("0.########", DecimalFormatSymbols.getInstance(Locale.US)).format(value);
    }
}
