package dev.layerbench.report;

import java.util.Locale;

/**
 * Numbers as a reader should see them: no more digits than the noise supports (torch.utils.benchmark's Compare
 * trims significant figures the same way), one fixed locale, NaN as an empty cell.
 */
final class Numbers {
    private Numbers() {
    }

    /** {@code value} with decimals down to two significant figures of {@code halfWidth}, at most 4. */
    static String trimmed(double value, double halfWidth) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (!Double.isFinite(halfWidth) || halfWidth <= 0) {
            return significant(value, 3);
        }
        int decimals = (int) Math.max(0, Math.min(4, 1 - Math.floor(Math.log10(halfWidth))));
        return fixed(value, decimals);
    }

    /** {@code value} to {@code digits} significant figures, in plain notation. */
    static String significant(double value, int digits) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (value == 0) {
            return "0";
        }
        int decimals = (int) Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(value))));
        return fixed(value, Math.min(decimals, 6));
    }

    static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.US, "%." + decimals + "f", value) : "";
    }

    /** The larger distance from {@code value} to an end of [low, high]: what its printed digits are trimmed to. */
    static double halfWidth(double value, double low, double high) {
        return Math.max(value - low, high - value);
    }

    /** "[low, high]", both ends trimmed to {@code halfWidth}; empty without an interval. */
    static String interval(double low, double high, double halfWidth) {
        return Double.isFinite(low) && Double.isFinite(high)
                ? "[" + trimmed(low, halfWidth) + ", " + trimmed(high, halfWidth) + "]" : "";
    }

    /** "value [low, high]", all three trimmed to the interval; the value alone without one, empty without it. */
    static String withInterval(double value, double low, double high) {
        if (!Double.isFinite(value)) {
            return "";
        }
        double halfWidth = halfWidth(value, low, high);
        String interval = interval(low, high, halfWidth);
        return trimmed(value, halfWidth) + (interval.isEmpty() ? "" : " " + interval);
    }

    /** "slower (p < 0.001)"; empty where there is no verdict. */
    static String verdict(String verdict, double p) {
        return verdict == null || verdict.isEmpty() ? "" : verdict + " (" + pValue(p) + ")";
    }

    /** A p-value as "p = 0.004", or "p < 0.001". */
    static String pValue(double p) {
        if (!Double.isFinite(p)) {
            return "p n/a";
        }
        return p < 0.001 ? "p < 0.001" : "p = " + significant(p, 2);
    }
}
