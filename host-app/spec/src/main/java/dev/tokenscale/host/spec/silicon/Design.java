package dev.tokenscale.host.spec.silicon;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A design as a designs file describes it ({@code data/silicon/designs.yaml}): a template, the real system whose
 * calibrated execution, organisation and economics it starts from, and a few named parameters, each sourced.
 *
 * @param id         short id ({@code "wse-3"})
 * @param name       display name
 * @param template   how it is built
 * @param reference  id of the hardware spec it starts from ({@code "cerebras-cs3"})
 * @param parameters its parameters
 */
public record Design(String id, String name, Template template, String reference,
                     Map<DesignParameter, Setting> parameters) {

    public Design {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(reference, "reference");
        parameters = parameters.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(parameters));
    }

    /**
     * One parameter's value, a {@link Double} (SI) or a {@link String} (an id), and where it comes from.
     *
     * @param value  the value
     * @param source a URL or {@code "estimate: why"}
     */
    public record Setting(Object value, String source) {
        public Setting {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
        }
    }
}
