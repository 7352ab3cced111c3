package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.Figure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Fitted execution parameters of one hardware, as read from a calibration file: they replace the spec's declared
 * values before the family builds its execution model.
 *
 * @param origin    the file it was read from, for messages
 * @param hardware  hardware id
 * @param execution fitted parameters, each with its source ("calibrated: ...")
 * @param range     the operating points it was fitted on, or {@code null} when the file does not say
 */
public record Calibration(String origin, String hardware, Map<String, Figure> execution, CalibratedRange range) {

    public Calibration {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(hardware, "hardware");
        execution = Map.copyOf(execution);
    }

    /**
     * The spec with these parameters in place of its declared ones.
     *
     * @throws IllegalArgumentException when the calibration sets a parameter the spec does not declare (a typo,
     *                                  or a calibration of other hardware)
     */
    public AcceleratorSpec applyTo(AcceleratorSpec spec) {
        Map<String, Figure> merged = new LinkedHashMap<>(spec.execution());
        for (Map.Entry<String, Figure> entry : execution.entrySet()) {
            if (!merged.containsKey(entry.getKey())) {
                throw new IllegalArgumentException(origin + ": field 'execution." + entry.getKey() + "': "
                        + spec.id() + " declares no such parameter; expected one of "
                        + new TreeSet<>(spec.execution().keySet()));
            }
            merged.put(entry.getKey(), entry.getValue());
        }
        return spec.withExecution(merged);
    }
}
