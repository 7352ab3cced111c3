package dev.tokenscale.host.engine;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ExecutionModel;
import java.util.Objects;

/**
 * One installed system as the engines see it: its resolved spec and the execution model of its family. Engines
 * take plain lists of these, so integrators and tests can use them without a framework.
 *
 * @param spec   the resolved spec
 * @param model  the family's execution model for it (the engines call it through {@link #checkedModel()})
 * @param origin where the spec came from (bundle and resource, or file), for explanations
 */
public record Accelerator(AcceleratorSpec spec, ExecutionModel model, String origin) {
    public Accelerator {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(origin, "origin");
    }

    /** A declared spec resolved by its family, with the family's execution model for the resolved spec. */
    public static Accelerator of(AcceleratorFamily family, AcceleratorSpec declared, String origin) {
        AcceleratorSpec resolved = Objects.requireNonNull(family.resolve(declared), "the family resolved no spec");
        return new Accelerator(resolved, Objects.requireNonNull(family.executionModel(resolved),
                "the family gave no execution model"), origin);
    }

    /**
     * The execution model as the engines call it: a timing that is missing, negative or not finite, or an
     * exception, is a {@link PluginFault} naming the family.
     */
    public ExecutionModel checkedModel() {
        return CheckedExecutionModel.of(model, spec.family());
    }

    /** The spec's id. */
    public String id() {
        return spec.id();
    }
}
