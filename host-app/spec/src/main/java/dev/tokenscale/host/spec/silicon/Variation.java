package dev.tokenscale.host.spec.silicon;

import java.util.List;

/**
 * One design parameter and the values a sweep gives it.
 *
 * @param parameter the parameter
 * @param values    its values, {@link Double} (SI) or {@link String} (ids), in order
 */
public record Variation(DesignParameter parameter, List<Object> values) {
    public Variation {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(parameter.spelling() + ": expected at least one value");
        }
    }
}
