package dev.tokenscale.api;

/**
 * Moved to {@link dev.tokenscale.api.roofline.RooflineExecutionModel}, whose package is versioned on its own; this
 * alias keeps plugins built against 1.1 working and goes in 2.0.
 *
 * @deprecated extend {@link dev.tokenscale.api.roofline.RooflineExecutionModel}
 */
@Deprecated(since = "1.2", forRemoval = true)
public class RooflineExecutionModel extends dev.tokenscale.api.roofline.RooflineExecutionModel {

    // The constants it had in 1.1, declared here again: a plugin compiled against 1.1 reads them from this class,
    // and the SPI baseline (bnd) does not count inherited static fields as kept.
    public static final String MEMORY_EFFICIENCY =
            dev.tokenscale.api.roofline.RooflineExecutionModel.MEMORY_EFFICIENCY;
    public static final String COMPUTE_EFFICIENCY =
            dev.tokenscale.api.roofline.RooflineExecutionModel.COMPUTE_EFFICIENCY;
    public static final String OP_LATENCY =
            dev.tokenscale.api.roofline.RooflineExecutionModel.OP_LATENCY;
    public static final String LINK_EFFICIENCY =
            dev.tokenscale.api.roofline.RooflineExecutionModel.LINK_EFFICIENCY;
    public static final String ATTENTION_MEMORY_EFFICIENCY =
            dev.tokenscale.api.roofline.RooflineExecutionModel.ATTENTION_MEMORY_EFFICIENCY;
    public static final String GROUPED_GEMM_MEMORY_EFFICIENCY =
            dev.tokenscale.api.roofline.RooflineExecutionModel.GROUPED_GEMM_MEMORY_EFFICIENCY;
    public static final String GROUPED_GEMM_LATENCY =
            dev.tokenscale.api.roofline.RooflineExecutionModel.GROUPED_GEMM_LATENCY;
    public static final double DEFAULT_MEMORY_EFFICIENCY =
            dev.tokenscale.api.roofline.RooflineExecutionModel.DEFAULT_MEMORY_EFFICIENCY;
    public static final double DEFAULT_COMPUTE_EFFICIENCY =
            dev.tokenscale.api.roofline.RooflineExecutionModel.DEFAULT_COMPUTE_EFFICIENCY;
    public static final double DEFAULT_OP_LATENCY =
            dev.tokenscale.api.roofline.RooflineExecutionModel.DEFAULT_OP_LATENCY;
    public static final double DEFAULT_LINK_EFFICIENCY =
            dev.tokenscale.api.roofline.RooflineExecutionModel.DEFAULT_LINK_EFFICIENCY;

    /** The roofline of this spec. */
    public RooflineExecutionModel(AcceleratorSpec spec) {
        super(spec);
    }
}
