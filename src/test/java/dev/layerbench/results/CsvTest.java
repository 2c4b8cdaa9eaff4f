package dev.layerbench.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTest {
    @Test
    void undefinedNumbersAreEmptyCellsAndTextIsQuotedWhenItMustBe() {
        String csv = Csv.table(List.of("name", "value", "flag"), List.of(
                List.of("plain", 0.1, true),
                List.of("with,comma", Double.NaN, false),
                List.of("inf", Double.POSITIVE_INFINITY, false)));
        assertEquals("name,value,flag\nplain,0.1,true\n\"with,comma\",,false\ninf,,false\n", csv);
    }
}
