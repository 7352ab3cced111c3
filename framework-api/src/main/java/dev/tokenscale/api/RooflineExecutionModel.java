package dev.tokenscale.api;

/**
 * Moved to {@link dev.tokenscale.api.roofline.RooflineExecutionModel}, whose package is versioned on its own; this
 * alias keeps plugins built against 1.1 working and goes in 2.0.
 *
 * @deprecated extend {@link dev.tokenscale.api.roofline.RooflineExecutionModel}
 */
@Deprecated(since = "1.2", forRemoval = true)
public class RooflineExecutionModel extends dev.tokenscale.api.roofline.RooflineExecutionModel {

    /** The roofline of this spec. */
    public RooflineExecutionModel(AcceleratorSpec spec) {
        super(spec);
    }
}
