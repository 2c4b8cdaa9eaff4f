package dev.layerbench.results;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    record Measured(double value, Double boxed, double plain) {
    }

    @Test
    void undefinedNumbersAreWrittenAsNullAndReadBackAsNaN() throws Exception {
        String json = Json.write(new Measured(Double.NaN, Double.POSITIVE_INFINITY, 2.5));
        assertTrue(json.contains("\"value\" : null") && json.contains("\"boxed\" : null"), json);

        Measured back = Json.mapper().readValue(json, Measured.class);
        assertTrue(Double.isNaN(back.value()), "NaN must not come back as 0.0");
        assertTrue(Double.isNaN(back.boxed()));
        assertEquals(2.5, back.plain(), 0.0);
    }
}
