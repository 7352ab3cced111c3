package dev.tokenscale.api.roofline;

import dev.tokenscale.api.AcceleratorFamily;
import dev.tokenscale.api.AcceleratorSpec;
import dev.tokenscale.api.ExecutionModel;

/**
 * The family of hardware that runs like most hardware: {@link RooflineExecutionModel} with the spec's own execution
 * parameters. A spec-only hardware file names it with {@code family: roofline}; the host always provides it, so such
 * a file needs no Java at all.
 */
public final class RooflineFamily implements AcceleratorFamily {

    /** This package's version, read by bnd and by the host when it exports the package. */
    public static final String PACKAGE_VERSION = "1.0.0";

    /** The id that spec files name in their {@code family} field. */
    public static final String ID = "roofline";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "roofline: each operation costs a fixed latency plus the larger of its bytes over bandwidth and its "
                + "FLOPs over peak, at calibratable efficiencies";
    }

    @Override
    public ExecutionModel executionModel(AcceleratorSpec spec) {
        return new RooflineExecutionModel(spec);
    }
}
