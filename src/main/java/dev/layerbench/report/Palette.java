package dev.layerbench.report;

import dev.layerbench.results.Verdict;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every colour the report gives to data, in one place, so that a thing has one colour on the whole page: an
 * implementation is the same blue in every chart it appears in, a verdict the same green or red in the ratio
 * charts and in the hardware comparison. None of these is the black, grey or light grey JFreeChart draws axes,
 * ticks and grid lines with: a chart that shows any of these colours has drawn data ({@link #dataColours}).
 */
public final class Palette {
    /** Implementations (the bench's {@code impl} column). */
    static final Map<String, Color> IMPLEMENTATIONS = Map.of(
            "own", new Color(31, 119, 180),
            "pytorch", new Color(255, 127, 14),
            "dl4j", new Color(148, 103, 189),
            "gemm", new Color(140, 86, 75));
    /** A row of an implementation this layerbench does not know (a newer one's). */
    static final Color UNKNOWN = new Color(23, 190, 207);

    /** Speed verdicts: faster, slower, and same or not judged. */
    static final Map<String, Color> SPEED = Map.of(
            "faster", new Color(26, 152, 80),
            "slower", new Color(215, 48, 39),
            "same", new Color(150, 150, 150));

    /** Study verdicts, as the heat map's cell backgrounds: light enough for dark text. */
    static final Map<Verdict, Color> STUDY = Map.of(
            Verdict.LEARNS, new Color(166, 217, 106),
            Verdict.STALLED_AT_MAJORITY, new Color(253, 174, 97),
            Verdict.SYMMETRIC, new Color(171, 217, 233),
            Verdict.SYMMETRY_BROKEN_BY_ROUNDOFF, new Color(190, 174, 212),
            Verdict.DIVERGED, new Color(244, 109, 67));

    /** Activations in the spread curves; float64 is told apart from float32 by a dashed line, not a colour. */
    static final Map<String, Color> ACTIVATIONS = Map.of(
            "sigmoid", new Color(214, 39, 40),
            "tanh", new Color(31, 119, 180),
            "relu", new Color(44, 160, 44));

    /** Initialisations, given in the order a study lists them (a study's inits are its own choice). */
    static final List<Color> INITS = List.of(new Color(228, 26, 28),
            new Color(55, 126, 184), new Color(77, 175, 74), new Color(152, 78, 163), new Color(255, 127, 0),
            new Color(166, 86, 40), new Color(247, 129, 191));

    private Palette() {
    }

    static Color implementation(String impl) {
        return IMPLEMENTATIONS.getOrDefault(impl, UNKNOWN);
    }

    /** faster, slower, same; anything else (unjudged, empty) is drawn as same: not told apart. */
    static Color speed(String verdict) {
        return SPEED.getOrDefault(verdict, SPEED.get("same"));
    }

    static Color activation(String activation) {
        return ACTIVATIONS.getOrDefault(activation, UNKNOWN);
    }

    /** The {@code index}-th initialisation's colour, repeating past the end of the list. */
    static Color init(int index) {
        return INITS.get(index % INITS.size());
    }

    /** A colour as JFreeSVG and CSS write it: {@code rgb(31,119,180)}. */
    public static String css(Color colour) {
        return String.format(Locale.US, "rgb(%d,%d,%d)", colour.getRed(), colour.getGreen(), colour.getBlue());
    }

    /** Every data colour, as {@link #css} writes it: the Chromium test looks for them in each chart. */
    public static List<String> dataColours() {
        return Stream.of(IMPLEMENTATIONS.values().stream(), Stream.of(UNKNOWN), SPEED.values().stream(),
                ACTIVATIONS.values().stream(), INITS.stream()).flatMap(s -> s).map(Palette::css).distinct()
                .toList();
    }
}
