package dev.tokenscale.host.calibration;

import dev.tokenscale.host.spec.FigureFile;
import dev.tokenscale.host.engine.ErrorStats;
import java.util.List;
import java.util.Map;

/**
 * A calibration file as written (schema: {@code docs/calibration.md}): the fitted execution parameters of one
 * hardware, what they were fitted on, and the error before and after.
 *
 * @param hardware     hardware id
 * @param measurements the measurement file it was fitted on
 * @param rows         rows it was fitted on
 * @param date         day of the fit (ISO 8601)
 * @param execution    fitted parameters, each with value and source
 * @param range        the operating points it was fitted on
 * @param error        the fit's error over those rows, before and after
 */
public record CalibrationFile(String hardware, String measurements, Integer rows, String date,
                              Map<String, FigureFile> execution, RangeFile range, FitError error) {

    /**
     * The measured range.
     *
     * @param batch         decode batch sizes
     * @param contextTokens decode context lengths
     * @param promptTokens  prefill prompt lengths
     * @param devices       devices per row
     * @param models        models measured
     */
    public record RangeFile(SpanFile batch, SpanFile contextTokens, SpanFile promptTokens, Integer devices,
                            List<ModelShape> models) {
    }

    /**
     * A range of values.
     *
     * @param min smallest
     * @param max largest
     */
    public record SpanFile(Double min, Double max) {
    }

    /**
     * A measured model's shape.
     *
     * @param id               model id
     * @param activeParameters weights one token reads
     * @param moe              whether it is a mixture of experts
     */
    public record ModelShape(String id, Double activeParameters, Boolean moe) {
    }

    /**
     * Error of the declared and the fitted parameters over the rows.
     *
     * @param before declared parameters
     * @param after  fitted parameters
     */
    public record FitError(ErrorStats before, ErrorStats after) {
    }
}
