package dev.tokenscale.host.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Writes every {@code NaN} or infinite number as JSON {@code null}: Jackson would write {@code "NaN"} or
 * {@code "Infinity"}, which JSON does not allow and clients do not parse as numbers. A quantity that does not exist
 * (the step time of a model that does not fit) is therefore {@code null}, and its answer carries the reason beside it
 * ({@code fitProblem}, {@code problem}).
 */
public final class FiniteNumbers {

    private FiniteNumbers() {
    }

    /** The Jackson module to register on every mapper that writes answers. */
    public static Module module() {
        JsonSerializer<Double> serializer = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
                if (Double.isFinite(value)) {
                    out.writeNumber(value);
                } else {
                    out.writeNull();
                }
            }
        };
        return new SimpleModule("finite-numbers").addSerializer(Double.class, serializer)
                .addSerializer(double.class, serializer);
    }
}
