package dev.layerbench.data;

import dev.layerbench.BadInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a classification table from a CSV file: a header line, one target column named by the user, and numeric
 * feature columns.
 *
 * <p>Target values are class labels whatever they look like ("cat", "3", "yes"). Classes are ordered
 * numerically when every label is a number — so "2" comes before "10" — and alphabetically otherwise, which
 * makes the class indices the same on every run and every machine.
 *
 * <p>Every problem is reported as a {@link BadInputException} naming the file and, where there is one, the line
 * and column: a CSV is usually hand-made or exported, and the user needs to find the bad cell.
 */
public final class CsvReader {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            // We check names ourselves, to report empty and repeated ones in our own words.
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
            .build();

    private CsvReader() {
    }

    /** The rows of {@code file}, with {@code targetColumn} as the class and every other column as a feature. */
    public static Dataset read(Path file, String targetColumn) {
        return read(file, targetColumn, 2);
    }

    /**
     * As {@link #read(Path, String)}, requiring at least {@code minClasses} distinct classes: 2 for data to learn
     * from, 1 for a separate test set, which may well hold a single class.
     */
    static Dataset read(Path file, String targetColumn, int minClasses) {
        checkFile(file);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            skipByteOrderMark(reader);
            CSVParser parser = FORMAT.parse(reader);
            List<String> header = parser.getHeaderNames();
            int target = targetIndex(file, header, targetColumn);
            return readRows(file, parser, header, target, minClasses);
        } catch (UncheckedIOException e) {
            // Commons CSV reports malformed quoting this way, with the line in its message.
            throw new BadInputException("CSV file " + file + " is malformed: " + e.getCause().getMessage() + ".", e);
        } catch (IOException e) {
            throw new BadInputException("CSV file " + file + " could not be read: " + e.getMessage() + ".", e);
        }
    }

    private static void checkFile(Path file) {
        long bytes = InputFiles.requireNonEmpty(file, "CSV file", ", but its first line must be a header");
        // Every value takes at least two characters ("1,") and becomes a 4-byte float: at most 2 bytes per byte.
        HeapLimit.require(2 * bytes, "CSV file " + file + ", at " + (bytes >> 20) + " MB,");
    }

    /** Spreadsheets often start UTF-8 files with a byte-order mark, which would end up in the first column name. */
    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    private static int targetIndex(Path file, List<String> header, String targetColumn) {
        if (header.isEmpty()) {
            throw new BadInputException("CSV file " + file + " has no header line, only blank lines.");
        }
        Map<String, Integer> firstColumn = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                throw new BadInputException("CSV file " + file + " has no name for column " + (c + 1)
                        + " in its header.");
            }
            Integer earlier = firstColumn.putIfAbsent(name, c);
            if (earlier != null) {
                throw new BadInputException("CSV file " + file + " has the column name '" + name + "' twice in its"
                        + " header, as columns " + (earlier + 1) + " and " + (c + 1) + ".");
            }
        }
        Integer target = firstColumn.get(targetColumn);
        if (target == null) {
            throw new BadInputException("CSV file " + file + " has no column '" + targetColumn
                    + "'; its columns are " + String.join(", ", header) + ".");
        }
        if (header.size() == 1) {
            throw new BadInputException("CSV file " + file + " has no feature columns besides the target '"
                    + targetColumn + "'.");
        }
        return target;
    }

    private static Dataset readRows(Path file, CSVParser parser, List<String> header, int target, int minClasses) {
        int columns = header.size() - 1;
        int initialRows = (int) Math.min(64, HeapLimit.MAX_ARRAY_VALUES / columns);
        float[] x = new float[initialRows * columns];
        int[] classIds = new int[initialRows];
        Map<String, Integer> classIdByName = new LinkedHashMap<>();
        int rows = 0;
        for (CSVRecord record : parser) {
            // The parser has just consumed this record, so its line count is the record's (last) line,
            // blank lines included.
            long line = parser.getCurrentLineNumber();
            if (record.size() != header.size()) {
                throw new BadInputException("CSV file " + file + ", line " + line + " has " + record.size()
                        + " fields, but the header has " + header.size() + ".");
            }
            if ((long) (rows + 1) * columns > HeapLimit.MAX_ARRAY_VALUES) {
                throw new BadInputException("CSV file " + file + " has more than the " + HeapLimit.MAX_ARRAY_VALUES
                        + " feature values one Java array can hold.");
            }
            if (rows == classIds.length) {
                int capacity = (int) Math.min((long) rows * 2, HeapLimit.MAX_ARRAY_VALUES / columns);
                classIds = Arrays.copyOf(classIds, capacity);
                x = Arrays.copyOf(x, capacity * columns);
            }
            int offset = rows * columns;
            for (int c = 0; c < header.size(); c++) {
                if (c != target) {
                    x[offset++] = parseFeature(file, line, header.get(c), record.get(c));
                }
            }
            String label = record.get(target);
            if (label.isEmpty()) {
                throw new BadInputException("CSV file " + file + ", line " + line
                        + " has an empty value in target column '" + header.get(target) + "'.");
            }
            classIds[rows++] = classIdByName.computeIfAbsent(label, name -> classIdByName.size());
        }
        if (rows == 0) {
            throw new BadInputException("CSV file " + file + " has a header but no data rows.");
        }
        List<String> featureNames = new ArrayList<>(header);
        featureNames.remove(target);
        List<String> classNames = orderedClasses(file, header.get(target), classIdByName.keySet(), minClasses);
        // Ids were handed out in order of first appearance; translate them to positions in the sorted classes.
        int[] indexOfId = new int[classNames.size()];
        for (int k = 0; k < classNames.size(); k++) {
            indexOfId[classIdByName.get(classNames.get(k))] = k;
        }
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = indexOfId[classIds[i]];
        }
        return new Dataset("csv:" + file + ":" + header.get(target), Arrays.copyOf(x, rows * columns), rows,
                columns, labels, classNames, featureNames);
    }

    private static float parseFeature(Path file, long line, String column, String value) {
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new BadInputException("CSV file " + file + ", line " + line + ", column '" + column + "': value '"
                    + value + "' is not a number.");
        }
        float asFloat = (float) parsed;
        if (!Float.isFinite(asFloat)) {
            throw new BadInputException("CSV file " + file + ", line " + line + ", column '" + column + "': value '"
                    + value + "' is not a finite number within float range.");
        }
        return asFloat;
    }

    /** Numeric order when every label is a number, so "2" precedes "10"; alphabetical otherwise. */
    private static List<String> orderedClasses(Path file, String targetColumn, Set<String> labels, int minClasses) {
        if (labels.size() < minClasses) {
            throw new BadInputException("CSV file " + file + " has only one class '" + labels.iterator().next()
                    + "' in target column '" + targetColumn + "': nothing to classify.");
        }
        List<String> ordered = new ArrayList<>(labels);
        boolean numeric = ordered.stream().allMatch(CsvReader::isNumber);
        Comparator<String> order = numeric
                ? Comparator.<String>comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        ordered.sort(order);
        return ordered;
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
