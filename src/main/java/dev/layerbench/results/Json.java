package dev.layerbench.results;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.layerbench.model.Initializer;

import java.io.IOException;

/**
 * The one Jackson configuration every result file is written with.
 *
 * <p>NaN and ±Inf are written as {@code null}: JSON has no such numbers, and an undefined metric (ROC-AUC on a
 * single-class test set) must stay visibly undefined rather than become a string a reader might misparse.
 * Reading back, {@code null} becomes NaN again — Jackson's default would make it 0.0, a number nobody measured.
 * Enums and initialisers are written in the text form users type on the command line.
 */
public final class Json {
    private static final ObjectMapper MAPPER = create();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static ObjectMapper create() {
        SimpleModule finiteOnly = new SimpleModule("finite-numbers");
        finiteOnly.addSerializer(Double.class, new NonFiniteAsNull());
        finiteOnly.addSerializer(double.class, new NonFiniteAsNull());
        finiteOnly.addDeserializer(Double.class, new NullAsNaN());
        finiteOnly.addDeserializer(double.class, new NullAsNaN());
        return new ObjectMapper()
                .registerModule(finiteOnly)
                .addMixIn(Initializer.class, InitializerAsText.class)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
                .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING);
    }

    private static final class NonFiniteAsNull extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class NullAsNaN extends StdDeserializer<Double> {
        NullAsNaN() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return parser.getValueAsDouble();
        }

        @Override
        public Double getNullValue(DeserializationContext context) {
            return Double.NaN;
        }
    }

    private abstract static class InitializerAsText {
        @JsonValue
        abstract String text();
    }
}
